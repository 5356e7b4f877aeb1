/* t_conv.c: detection and decoding of lib/conv.c, re-fed at every small
 * chunk size, and encoding for output. */

/* Decodes s[0..n) and joins its lines with '|'; returns lines read. */
static int
decode_all(const char *s, size_t n, const char *from, struct buf *out, struct dec *d)
{
	FILE *fp = memfile(s, n);
	struct buf line = {0};
	int lines = 0;

	buf_reset(out);
	if (dec_open(d, fp, "t", from, 0) < 0) {
		fclose(fp);
		dec_close(d);
		return -1;
	}
	while (dec_getline(d, &line)) {
		if (lines++)
			buf_addc(out, '|');
		buf_add(out, line.p, line.len);
	}
	dec_close(d);
	fclose(fp);
	buf_free(&line);
	return lines;
}

static void
test_conv(void)
{
	static const struct {
		const char *what, *in;
		size_t len;
		const char *enc, *out;
	} cases[] = {
		{"UTF-8", "吕梁\n市", 0, "UTF-8", "吕梁|市"},
		{"UTF-8 with BOM", "\xEF\xBB\xBF吕梁\n", 0, "UTF-8", "吕梁"},
		{"CRLF, CR and LF", "a\r\nb\rc\nd", 0, "UTF-8", "a|b|c|d"},
		{"GB18030", "\xC2\xC0\xC1\xBA\r\n", 0, "GB18030", "吕梁"},
		{"UTF-16LE with BOM", "\xFF\xFE\x15\x54\x81\x68\n\0", 8, "UTF-16LE", "吕梁"},
		{"UTF-16BE with BOM", "\xFE\xFF\x54\x15\x68\x81", 6, "UTF-16BE", "吕梁"},
		{"UTF-8 with a stray byte", "第一段文字，\xFF坏字节。", 0, "UTF-8",
		    "第一段文字，\xEF\xBF\xBD坏字节。"},
		{"truncated UTF-8 at the end", "吕梁\xE5\x90", 0, "UTF-8", "吕梁\xEF\xBF\xBD"},
		{"truncated GB18030 at the end", "\xC2\xC0\xC1\xBA\x81", 0, "GB18030",
		    "吕梁\xEF\xBF\xBD"},
		{"UTF-8 with LF, CRLF, CR, blank lines and a stray byte",
		    "一\r\n\r\n二\r三\n\n四\xFF五\r\n\r六\r", 0, "UTF-8",
		    "一||二|三||四\xEF\xBF\xBD五||六"},
		{"empty input", "", 0, "UTF-8", ""},
	};
	struct dec d;
	struct buf out = {0}, first = {0};
	char descr[160];
	size_t i, chunk, saved = gz_read_chunk;
	int ok;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);

		ok = 1;
		buf_reset(&first);
		for (chunk = 1; chunk <= 9; chunk++) {
			gz_read_chunk = chunk;
			if (decode_all(cases[i].in, len, NULL, &out, &d) < 0 ||
			    strcmp(d.enc, cases[i].enc) != 0 || out.len != strlen(cases[i].out) ||
			    memcmp(out.p, cases[i].out, out.len) != 0)
				ok = 0;
		}
		gz_read_chunk = saved;
		snprintf(descr, sizeof descr, "decode %s at every chunk size 1..9", cases[i].what);
		test_cond(descr, ok);
		if (!ok)
			printf("# enc %s, got \"%.*s\"\n", d.enc, (int)out.len, out.p ? out.p : "");
	}
	test_cond("decode refuses binary input (NUL bytes)",
	    decode_all("ab\0\0\0\0\0\0\0\0\0\0cd", 14, NULL, &out, &d) < 0);
	test_cond("decode with -f of an unknown encoding fails",
	    decode_all("ab", 2, "NO-SUCH-ENCODING", &out, &d) < 0);
	test_cond("decode with -f GB18030 forces it",
	    decode_all("\xC2\xC0", 2, "GB18030", &out, &d) == 1 && out.len == 3 &&
	    memcmp(out.p, "吕", 3) == 0);
	{
		/* A line of RAW_LINE_MAX + 10 bytes comes in two pieces. */
		struct buf big = {0};
		FILE *fp;
		struct buf line = {0};
		int pieces = 0, split_seen = 0;

		buf_reserve(&big, RAW_LINE_MAX + 16);
		memset(big.p, 'x', RAW_LINE_MAX + 10);
		big.len = RAW_LINE_MAX + 10;
		buf_adds(&big, "\nend\n");
		fp = memfile(big.p, big.len);
		dec_open(&d, fp, "t", NULL, 0);
		while (dec_getline(&d, &line)) {
			pieces++;
			split_seen |= d.split;
		}
		test_cond("an overlong line comes in pieces, flagged, on one line number",
		    pieces == 3 && split_seen && d.lineno == 2);
		dec_close(&d);
		fclose(fp);
		buf_free(&big);
		buf_free(&line);
	}
	{
		/* Detection validates the first 64 KB; decoding goes on from
		 * there without checking it again.  A window cut inside a
		 * character, and a bad byte right after the window, at every
		 * offset of a character around the cut. */
		struct buf big = {0}, want = {0};
		size_t k, cut = 65536;

		ok = 1;
		for (k = 0; k < 3; k++) {
			size_t j;

			buf_reset(&big);
			buf_reset(&want);
			for (j = 0; j < k; j++)
				buf_addc(&big, 'x');
			while (big.len < cut + 30)
				buf_adds(&big, big.len % 61 == 0 ? "\n" : "吕");
			buf_add(&want, big.p, big.len);
			buf_adds(&big, "\xFF吕\n");
			buf_adds(&want, "\xEF\xBF\xBD吕");
			/* want: the lines joined with '|', as decode_all does */
			for (j = 0; j < want.len; j++)
				if (want.p[j] == '\n')
					want.p[j] = '|';
			if (decode_all(big.p, big.len, NULL, &out, &d) < 0 || strcmp(d.enc, "UTF-8") != 0 ||
			    d.ninvalid != 1 || d.first_invalid != (long long)(big.len - 5) ||
			    out.len != want.len || memcmp(out.p, want.p, out.len) != 0)
				ok = 0;
			/* A bad byte inside the window, in place of a character's
			 * byte: detection still says UTF-8, and the character is
			 * found bad when decoded. */
			big.p[1000] = (char)0xFF;
			if (decode_all(big.p, big.len, NULL, &out, &d) < 0 || strcmp(d.enc, "UTF-8") != 0 ||
			    d.ninvalid < 2 || d.first_invalid < 998 || d.first_invalid > 1000)
				ok = 0;
		}
		test_cond("UTF-8 past the detection window: cut characters, bad bytes after and in it", ok);
		buf_free(&big);
		buf_free(&want);
	}
	{
		struct enc_out e;
		char *mem = NULL;
		size_t memlen = 0, bad = 0;
		FILE *fp = open_memstream(&mem, &memlen);

		test_cond("encout_open GB18030", encout_open(&e, "GB18030") == 0);
		encout_write(&e, fp, "吕梁", 6, &bad);
		fclose(fp);
		test_cond("encout_write to GB18030", memlen == 4 && memcmp(mem, "\xC2\xC0\xC1\xBA", 4) == 0);
		encout_close(&e);
		free(mem);
		fp = open_memstream(&mem, &memlen);
		encout_open(&e, "ASCII");
		test_cond("encout_write reports a character it cannot encode",
		    encout_write(&e, fp, "ab吕", 5, &bad) < 0 && bad == 2);
		encout_close(&e);
		fclose(fp);
		free(mem);
	}
	buf_free(&out);
	buf_free(&first);
}
