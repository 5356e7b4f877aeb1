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
	{
		/* The marks of uni_is_cjk_punct (gz_cjk_punct's bit masks)
		 * against the list they were taken from. */
		static const uint32_t marks[] = {
			0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF08,
			0xFF09, 0x300A, 0x300B, 0x201C, 0x201D, 0x2018, 0x2019, 0x3014,
			0x3015, 0x3010, 0x3011, 0x300C, 0x300D, 0x300E, 0x300F,
		};
		uint32_t c;
		size_t k;
		int bad = 0, want;

		for (c = 0; c < 0x110000; c++) {
			for (want = 0, k = 0; k < sizeof marks / sizeof marks[0]; k++)
				want |= marks[k] == c;
			bad += uni_is_cjk_punct(c) != want;
		}
		test_cond("uni_is_cjk_punct takes its 23 marks and nothing else", bad == 0);
	}
	{
		/* utf8_valid_prefix (64, then 16 bytes a step in mixed text)
		 * against a character by character reading, on random
		 * mixes of ASCII, LF, 2-, 3- and 4-byte characters and the
		 * leads that need checks, now and then a bad byte. */
		static const char *const parts[] = {
			"a", "\n", "1", "\xC2\xB7", "\xD0\x96", "\xE4\xB8\x80", "\xE9\xBF\xBF",
			"\xEF\xBC\x8C", "\xE3\x80\x82", "\xE0\xA4\x85", "\xED\x95\x9C",
			"\xF0\x9F\x98\x80", "\xEE\x80\x80",
		};
		static const unsigned char junk[] = {
			0x80, 0xBF, 0xC0, 0xC1, 0xE0, 0xED, 0xE4, 0xF0, 0xF5, 0xFF, 0xA0, 0x9F, 0x00,
		};
		unsigned char t[200];
		unsigned long seed = 12345;
		int round, bad = 0, end_ok;

		for (round = 0; round < 20000; round++) {
			size_t len = 0, want, at, off;

			while (len < 150) {
				const char *q;

				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				q = parts[(seed >> 33) % (sizeof parts / sizeof parts[0])];
				if ((seed >> 20) % 3 == 0)
					q = parts[5];    /* Chinese, most of it */
				memcpy(t + len, q, strlen(q));
				len += strlen(q);
			}
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			if ((seed >> 40) % 4 != 0)
				t[(seed >> 8) % len] = junk[(seed >> 24) % sizeof junk];
			off = (seed >> 50) % 4;
			len = len - off - (seed >> 30) % 40;
			for (end_ok = 0; end_ok < 2; end_ok++) {
				/* The reference: a character at a time. */
				for (want = 0; want < len;) {
					size_t l = utf8_decode(t + off + want, len - want, &cp);

					if (l == 0) {
						size_t need = t[off + want] >= 0xF0 ? 4 : t[off + want] >= 0xE0 ? 3 : 2;

						if (!end_ok && len - want < need && t[off + want] >= 0xC2 &&
						    t[off + want] < 0xF5 &&
						    utf8_valid_prefix(t + off + want, len - want, 0) == len - want)
							want = len;
						break;
					}
					want += l;
				}
				at = utf8_valid_prefix(t + off, len, end_ok);
				bad += at != want;
			}
		}
		test_cond("utf8_valid_prefix agrees with utf8_decode on random mixed text", bad == 0);
	}
	{
		/* text_normalize_others lists exactly the characters of its
		 * output that are not Han (3 bytes, led by E4-E9 but E4 B7),
		 * in order, on random mixes of what the repairs touch. */
		static const char *const parts[] = {
			"\xE4\xB8\x80", "\xE9\xBF\xBF", "\xE4\xB7\x80", "\xE4\xB6\xBF", "\xE3\x80\x82",
			"\xE3\x80\x80", "\xE3\x90\x80", "\xEF\xBC\x8C", "\xEF\xBC\x90", "\xEF\xBC\x8E",
			"\xEF\xBD\x81", "\xE2\x80\x94", "\xE2\x80\x8B", "\xC2\xB7", "\xF0\x9F\x98\x80",
			" ", "  ", "\t", "a", "Z", "7", "(", "\x01", "\x7F", "\xFF", "\x80", "\xE4\xB8",
		};
		char in[400];
		struct text_others oth;
		unsigned long seed = 99;
		int round, bad = 0, used = 0;

		for (round = 0; round < 20000; round++) {
			size_t len = 0, j, k, want = round % 7 == 0 ? 120 : 60;

			while (len < want) {
				const char *q;

				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				q = parts[(seed >> 33) % (sizeof parts / sizeof parts[0])];
				if ((seed >> 20) % 4 != 0)
					q = parts[(seed >> 24) % 2];    /* Han, most of it */
				memcpy(in + len, q, strlen(q));
				len += strlen(q);
			}
			buf_reset(&b);
			text_normalize_others(&b, in, len, NULL, &oth);
			if (oth.over)
				continue;
			used++;
			for (j = 0, k = 0; j < b.len;) {
				const unsigned char *u = (const unsigned char *)b.p + j;
				uint32_t c;
				size_t l = utf8_decode(u, b.len - j, &c);

				if (l == 3 && u[0] >= 0xE4 && u[0] <= 0xE9 && !(u[0] == 0xE4 && u[1] == 0xB7)) {
					j += 3;
					continue;
				}
				if (k >= oth.n || oth.at[k] != j)
					break;
				k++;
				j += l ? l : 1;
			}
			bad += j != b.len || k != oth.n;
		}
		test_cond("text_normalize_others lists the characters that are not Han",
		    bad == 0 && used > 10000);
	}
	{
		/* Every full-width form U+FF00-FF7F between two Han
		 * characters: digits, Latin letters and @#%&+/=<> become
		 * ASCII, the rest stay (the run loop takes those by a table
		 * of its own, the character path by fold_width). */
		uint32_t c;
		int bad = 0;

		for (c = 0xFF00; c < 0xFF80; c++) {
			char in[16], want[16];
			size_t il, wl;
			int fold = (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
			    (c >= 0xFF41 && c <= 0xFF5A) || c == 0xFF20 || c == 0xFF03 || c == 0xFF05 ||
			    c == 0xFF06 || c == 0xFF0B || c == 0xFF0F || c == 0xFF1D || c == 0xFF1C ||
			    c == 0xFF1E;

			memcpy(in, "\xE5\x9B\xBD", 3);
			il = 3 + utf8_encode(c, in + 3);
			memcpy(in + il, "\xE5\x9B\xBD", 3);
			il += 3;
			memcpy(want, in, 3);
			wl = 3 + (fold ? utf8_encode(c - 0xFEE0, want + 3) : utf8_encode(c, want + 3));
			memcpy(want + wl, "\xE5\x9B\xBD", 3);
			wl += 3;
			buf_reset(&b);
			text_normalize(&b, in, il, NULL);
			bad += b.len != wl || memcmp(b.p, want, wl) != 0;
		}
		test_cond("text_normalize folds the full-width forms it should, and only those", bad == 0);
	}
	buf_free(&b);
}
