/* t_text.c: UTF-8, width and the character repairs of lib/text.c. */

static void
test_text(void)
{
	static const struct {
		const char *in;
		size_t len, cp;   /* expected length (0: invalid) and value */
	} dec[] = {
		{"A", 1, 'A'},
		{"\xC3\xA9", 2, 0xE9},
		{"\xE5\x90\x95", 3, 0x5415},            /* 吕 */
		{"\xF0\xA0\x80\x80", 4, 0x20000},
		{"\xC0\x80", 0, 0},                     /* over-long NUL */
		{"\xE0\x80\x80", 0, 0},                 /* over-long */
		{"\xED\xA0\x80", 0, 0},                 /* surrogate */
		{"\xF4\x90\x80\x80", 0, 0},             /* beyond U+10FFFF */
		{"\xE5\x90", 0, 0},                     /* truncated */
		{"\x80", 0, 0},                         /* lone continuation */
		{"\xFF", 0, 0},
		{"\xEE\x80\x80", 3, 0xE000},            /* leads EE, EF: the fast path */
		{"\xEF\xBC\x8C", 3, 0xFF0C},            /* ， */
		{"\xEF\xBF\xBF", 3, 0xFFFF},
		{"\xEF\xBC", 0, 0},                     /* truncated */
		{"\xEF\x41\x80", 0, 0},                 /* no continuation */
		{"\xEE\x80\xC0", 0, 0},
		{"\xED\x9F\xBF", 3, 0xD7FF},            /* ED below the surrogates */
		{"\xED\xBF\xBF", 0, 0},                 /* the last surrogate */
	};
	static const struct {
		const char *in, *out;
	} norm[] = {
		{"2024 年 3 月", "2024年3月"},
		{"咨 询 与 解 读", "咨询与解读"},
		{"zfjdk8310620＠163．com", "zfjdk8310620@163.com"},
		{"吕政发〔2024〕1 号", "吕政发〔2024〕1号"},
		{"（一）深入学习，贯彻落实：“十四五”；《规划》。", "（一）深入学习，贯彻落实：“十四五”；《规划》。"},
		{"１２３４５６７８９０", "1234567890"},
		{"ＡＢＣｘｙｚ", "ABCxyz"},
		{"１．将党的二十大", "1．将党的二十大"},
		{"确保 100％按期", "确保100%按期"},
		{"远程＋现场，万吨／年，＃＆＝＜＞", "远程+现场，万吨/年，#&=<>"},
		{"hello   world", "hello world"},
		{"EOD 政策培训", "EOD政策培训"},
		{"北京 798 艺术区", "北京798艺术区"},
		{"（GB 5749—2022）", "（GB 5749—2022）"},
		{"　　首行缩进　", "首行缩进"},
		{"\t tab\tand space \t", "tab and space"},
		{"第一条 依据", "第一条依据"},
		{"1．5 万", "1.5万"},       /* a decimal point between digits */
		{"1．将", "1．将"},         /* an enumerator keeps its mark */
		{"v1．2", "v1.2"},
		{"一、 总体要求", "一、总体要求"},
		{"“十四五” 规划", "“十四五”规划"},     /* quotes and dashes are CJK to spacing */
		{"word “quote” word", "word“quote”word"},
		{"a — b ‧ c", "a—b‧c"},
	};
	char descr[160];
	struct buf b = {0};
	size_t i, n, gaps;
	uint32_t cp;

	for (i = 0; i < sizeof dec / sizeof dec[0]; i++) {
		cp = 0;
		n = utf8_decode((const unsigned char *)dec[i].in, strlen(dec[i].in), &cp);
		snprintf(descr, sizeof descr, "utf8_decode case %zu: length %zu", i, dec[i].len);
		test_cond(descr, n == dec[i].len && (n == 0 || cp == dec[i].cp));
	}
	for (i = 0; i < 0x110000; i += 0x7F) {
		char enc[4];
		size_t k;

		if (i >= 0xD800 && i <= 0xDFFF)
			continue;
		k = utf8_encode((uint32_t)i, enc);
		if (utf8_decode((unsigned char *)enc, k, &cp) != k || cp != i)
			break;
	}
	test_cond("utf8_encode and utf8_decode round-trip every 127th code point", i >= 0x110000);
	test_cond("utf8_boundary keeps a whole character", utf8_boundary("ab\xE5\x90\x95", 5) == 5);
	test_cond("utf8_boundary drops a cut character", utf8_boundary("ab\xE5\x90\x95", 4) == 2);
	test_cond("utf8_valid_prefix stops at a bad byte",
	    utf8_valid_prefix((const unsigned char *)"ab\xFF" "cd", 5, 1) == 2);
	test_cond("utf8_valid_prefix takes a cut end when not at the end",
	    utf8_valid_prefix((const unsigned char *)"ab\xE5\x90", 4, 0) == 4);
	test_cond("utf8_valid_prefix refuses a cut end at the end",
	    utf8_valid_prefix((const unsigned char *)"ab\xE5\x90", 4, 1) == 2);

	for (i = 0; i < sizeof norm / sizeof norm[0]; i++) {
		buf_reset(&b);
		text_normalize(&b, norm[i].in, strlen(norm[i].in), NULL);
		snprintf(descr, sizeof descr, "text_normalize \"%s\"", norm[i].in);
		test_str(descr, b.p, b.len, norm[i].out);
	}
	buf_reset(&b);
	n = text_normalize(&b, "a\x01" "b\x7F" "c\0d", 7, NULL);
	test_cond("text_normalize removes controls and counts them", n == 3 && b.len == 4 &&
	    memcmp(b.p, "abcd", 4) == 0);
	{
		/* Each invalid byte becomes U+FFFD, three bytes: the output
		 * outgrows the input (the buffer once overflowed here). */
		char bad[40];

		memset(bad, 0xFF, sizeof bad);
		bad[0] = 'a';
		buf_reset(&b);
		buf_free(&b);
		text_normalize(&b, bad, sizeof bad, NULL);
		test_cond("text_normalize makes each invalid byte U+FFFD", b.len == 1 + 39 * 3 &&
		    memcmp(b.p + b.len - 3, "\xEF\xBF\xBD", 3) == 0);
	}
	buf_reset(&b);
	text_normalize(&b, "于 4次主持 会议", strlen("于 4次主持 会议"), &gaps);
	test_cond("text_normalize counts the space runs it removes", gaps == 2);

	test_cond("text_width: a CJK character is 2", text_width("中文", 6) == 4);
	test_cond("text_width: ASCII is 1", text_width("ab12", 4) == 4);
	test_cond("text_width: the middle dot is narrow", text_width("11·16", 6) == 5);
	test_cond("text_layout_width: a final stop is half",
	    text_layout_width("中文。", 9) == 5);
	test_cond("text_layout_width: a mark before a mark is half",
	    text_layout_width("》《中", 9) == 5);
	test_cond("text_find finds and misses", text_find("abcabd", 6, "abd", 3) != NULL &&
	    text_find("abcabd", 6, "abe", 3) == NULL);
	test_cond("uni_is_cjk: Han, punctuation, full-width; not ASCII or the middle dot",
	    uni_is_cjk(0x5415) && uni_is_cjk(0x3002) && uni_is_cjk(0xFF08) && !uni_is_cjk('a') &&
	    !uni_is_cjk(0x00B7));
	buf_free(&b);
}
