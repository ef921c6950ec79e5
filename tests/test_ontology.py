from coder.ontology import load_ontology


def test_all_316_codes_with_gdelt_quad_classes():
    onto = load_ontology()
    assert len(onto) == 316
    assert onto["057"].root == "05" and onto["057"].quad_class == 1
    assert onto["0311"].goldstein == 5.2
    expected = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 10)},
                **{f"{r:02d}": 3 for r in range(10, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
    for code in onto.codes():
        assert onto[code].quad_class == expected[onto[code].root], code


def test_the_codes_are_those_of_the_cameo_table(shared_dir):
    onto = load_ontology()
    shared_codes = {line.split("\t")[0] for line in (shared_dir / "cameo" / "cameo_eventcodes.tsv").read_text()
                    .splitlines()[1:] if line}
    assert shared_codes == set(onto.codes())
