from coder.cli.main import main

main()
