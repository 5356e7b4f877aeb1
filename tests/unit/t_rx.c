/* t_rx.c: PCRE2 compile-once wrapper of lib/rx.c. */

static void
test_rx(void)
{
	struct rx rx;
	char err[320];
	size_t so, eo;

	test_cond("rx_compile reports a bad pattern with its offset",
	    rx_compile(&rx, "ab(c", 0, err, sizeof err) < 0 && strstr(err, "offset 4") != NULL);
	test_cond("rx_compile compiles a UTF pattern",
	    rx_compile(&rx, "(\\p{Han}+)〔(\\d{4})〕", 0, err, sizeof err) == 0);
	test_cond("rx_match finds a document number",
	    rx_match(&rx, "见吕政发〔2024〕1号", strlen("见吕政发〔2024〕1号"), 0) == 3 &&
	    rx_group(&rx, 2, &so, &eo) && eo - so == 4);
	test_cond("rx_match misses", rx_match(&rx, "abc", 3, 0) == 0);
	rx_free(&rx);
	test_cond("RX_ANCHORED anchors",
	    rx_compile(&rx, "b", RX_ANCHORED, err, sizeof err) == 0 && rx_match(&rx, "ab", 2, 0) == 0);
	rx_free(&rx);
}
