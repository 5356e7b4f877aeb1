/* t_doc.c: numerals, dates (lib/date.c) and document parts (lib/doc.c). */

static void
test_doc(void)
{
	static const struct {
		const char *in;
		long want;
	} nums[] = {
		{"28", 28}, {"二十八", 28}, {"十二", 12}, {"十", 10}, {"一百零五", 105},
		{"二〇二四", 2024}, {"三", 3}, {"两千零二十四", 2024}, {"第", -1},
		/* Runs too long for any number stop growing, unharmed. */
		{"99999999999999999999999", 999999999},
		{"九九九九九九九九九九九九九九九九九九九九九九九", 999999999},
		/* Long runs stop at nine digits (the deadline fuzz target
		 * found twenty Chinese ones overflowing a long). */
		{"12345678901234567890", 123456789},
		{"一二三四五六七八九〇一二三四五六七八九〇", 123456789},
	};
	static const struct {
		const char *in, *iso;
	} dates[] = {
		{"2024年2月28日", "2024-02-28"},
		{"二〇二四年二月二十八日", "2024-02-28"},
		{"2023年11月29日", "2023-11-29"},
		{"2024年3月", "2024-03"},
		{"2024年2月30日", "2024-02"},    /* no such day: the month only */
		{"2024年13月1日", ""},
		{"二〇二三年十二月三十一日", "2023-12-31"},
		{"2024年6月底前", "2024-06"},
	};
	static const struct {
		const char *in, *prefix;
		int year;
		long serial;
	} nos[] = {
		{"吕政发〔2024〕1号", "吕政发", 2024, 1},
		{"（吕政办发〔2024〕10号）", "吕政办发", 2024, 10},
		{"晋政办发【2023】48号", "晋政办发", 2023, 48},
		{"太政办发(2024)3号", "太政办发", 2024, 3},
		{"并政发［2022］7号", "并政发", 2022, 7},
	};
	char descr[160], iso[11];
	size_t i, used;
	struct ymd ymd;
	struct docnum d;
	struct tocent e;

	for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		snprintf(descr, sizeof descr, "cn_number \"%s\" is %ld", nums[i].in, nums[i].want);
		test_cond(descr, cn_number(nums[i].in, strlen(nums[i].in), &used) == nums[i].want);
	}
	for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		int ok = date_parse(dates[i].in, strlen(dates[i].in), &ymd, NULL);

		date_iso(&ymd, iso);
		if (!ok)
			iso[0] = '\0';
		snprintf(descr, sizeof descr, "date_parse \"%s\"", dates[i].in);
		test_str(descr, iso, strlen(iso), dates[i].iso);
	}
	for (i = 0; i < sizeof nos / sizeof nos[0]; i++) {
		const char *s = nos[i].in;
		int found = docnum_find(s, strlen(s), 0, &d);

		snprintf(descr, sizeof descr, "docnum_find \"%s\"", s);
		test_cond(descr, found && d.year == nos[i].year && d.serial == nos[i].serial &&
		    d.peo - d.pso == strlen(nos[i].prefix) && memcmp(s + d.pso, nos[i].prefix, d.peo - d.pso) == 0);
	}
	test_cond("docnum_find: no number without 号", !docnum_find("（2023—2025年）", strlen("（2023—2025年）"), 0, &d));
	{
		/* docnum_canon_found from the number a caller found, as
		 * docnum_canon finds it: brackets made 〔〕, the text as it is
		 * where no number (or no year) is. */
		static const char *const ins[] = {"吕政发[2024]01号", "晋政办发（2023）7号", "市政府令第3号",
		    "并政发〔0000〕5号", "没有文号", ""};
		struct buf a = {0}, b = {0};
		size_t k;
		int same = 1;

		for (k = 0; k < sizeof ins / sizeof ins[0]; k++) {
			size_t n = strlen(ins[k]);

			buf_reset(&a);
			buf_reset(&b);
			docnum_canon(ins[k], n, &a);
			docnum_canon_found(ins[k], n, docnum_find(ins[k], n, 0, &d) ? &d : NULL, &b);
			same &= a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
		}
		buf_reset(&a);
		docnum_canon("吕政发[2024]01号", strlen("吕政发[2024]01号"), &a);
		test_cond("docnum_canon_found: as docnum_canon", same);
		test_str("docnum_canon: 〔〕 and the serial as a number", a.p, a.len, "吕政发〔2024〕1号");
		buf_free(&a);
		buf_free(&b);
	}
	test_cond("doc_is_docno_line: a number alone", doc_is_docno_line("吕政发〔2024〕1号", strlen("吕政发〔2024〕1号"), &d));
	test_cond("doc_is_docno_line: not a sentence", !doc_is_docno_line("根据吕政发〔2024〕1号文件", strlen("根据吕政发〔2024〕1号文件"), &d) ||
	    d.so != 0);
	test_cond("doc_is_organ: 吕梁市人民政府", doc_is_organ("吕梁市人民政府", strlen("吕梁市人民政府")));
	test_cond("doc_is_organ: 太原市人民政府办公室", doc_is_organ("太原市人民政府办公室", strlen("太原市人民政府办公室")));
	test_cond("doc_is_organ: 吕梁市民政局", doc_is_organ("吕梁市民政局", strlen("吕梁市民政局")));
	test_cond("doc_is_organ: not 市政府文件", !doc_is_organ("市政府文件", strlen("市政府文件")));
	test_cond("doc_is_organ: not a date", !doc_is_organ("2024年2月28日", strlen("2024年2月28日")));
	test_cond("doc_title_ends: ……的通知", doc_title_ends("关于做好工作的通知", strlen("关于做好工作的通知")));
	test_cond("doc_title_ends: ……办法（试行）", doc_title_ends("公共数据运营管理办法（试行）", strlen("公共数据运营管理办法（试行）")));
	test_cond("doc_title_ends: not a heading", !doc_title_ends("一、总体要求", strlen("一、总体要求")));
	test_cond("doc_title_start: 关于", doc_title_start("关于做好工作的通知", strlen("关于做好工作的通知")) == 0);
	test_cond("doc_title_start: after the organ",
	    doc_title_start("吕梁市人民政府关于做好工作的通知", strlen("吕梁市人民政府关于做好工作的通知")) == 21);
	test_cond("doc_title_start: none in a sentence",
	    doc_title_start("根据省政府关于做好工作的通知，现提出", strlen("根据省政府关于做好工作的通知，现提出")) == -1);
	{
		static const struct {
			const char *in;
			int level, num;
			size_t len;
		} en[] = {
			{"一、总体要求", 1, 1, 6}, {"十三、其他", 1, 13, 9}, {"（一）深入学习", 2, 1, 9},
			{"（十三）煤矿", 2, 13, 12}, {"1．将党的", 3, 1, 4}, {"24．落实", 3, 24, 5},
			{"6.养老机构", 3, 6, 2}, {"2、加强", 3, 2, 4}, {"（1）2000年", 4, 1, 7},
			{"(2)有条件", 4, 2, 3}, {"①加强", 5, 1, 3}, {"第一条依据", 3, 1, 9},
			{"第三章总则", 1, 3, 9}, {"2.3.7宣传报道组", -3, 2, 5}, {"3.5亿元", 0, 0, 0}, {"3.5级以上地震", 0, 0, 0},
			{"2024年", 0, 0, 0}, {"一是加强", 0, 0, 0},
		};
		struct enumr er;

		for (i = 0; i < sizeof en / sizeof en[0]; i++) {
			int got = doc_enumerator(en[i].in, strlen(en[i].in), &er);

			snprintf(descr, sizeof descr, "doc_enumerator \"%s\"", en[i].in);
			test_cond(descr, en[i].level == 0 ? !got :
			    got && er.level == en[i].level && er.num[0] == en[i].num && er.len == en[i].len);
		}
	}
	{
		static const char entry[] = "吕梁市人民政府关于做好2024年安全生产工作的通知（吕政发〔2024〕1号）······· 1";
		static const char entry2[] = "吕梁市人民政府关于张小武等3人免职的通知（吕政任〔2024〕3号）··················61";

		test_cond("toc_parse: title, number, page",
		    toc_parse(entry, sizeof entry - 1, &e) && e.page == 1 && e.docno_len == strlen("吕政发〔2024〕1号") &&
		    e.title_len == strlen("吕梁市人民政府关于做好2024年安全生产工作的通知"));
		test_cond("toc_parse: a leader without a space", toc_parse(entry2, sizeof entry2 - 1, &e) && e.page == 61);
		test_cond("toc_parse: a section heading is no entry", !toc_parse("市政府文件", strlen("市政府文件"), &e));
		/* A leader of mixed characters (each one decoded once, its
		 * repeats compared as bytes) ends where the title does. */
		test_cond("toc_parse: a mixed leader",
		    toc_parse("关于某事的通知……··..．．••・・⋯⋯ 12", strlen("关于某事的通知……··..．．••・・⋯⋯ 12"), &e) &&
		    e.page == 12 && e.title_len == strlen("关于某事的通知"));
		test_cond("toc_parse: a stray continuation byte stops no leader",
		    toc_parse("关于某事的通知……\x80·· 7", strlen("关于某事的通知……\x80·· 7"), &e) &&
		    e.page == 7 && e.title_len == strlen("关于某事的通知"));
	}
	{
		/* doc_nchars against a byte-at-a-time count, over lengths
		 * and offsets either side of the 8- and 16-byte blocks and
		 * of the 255-vector flush. */
		static const char piece[] = "关于a·\x80" "通知，\xbf" "2024年";
		char *t = emalloc(9000);
		size_t j, len, off, want, bad = 0;

		for (j = 0; j < 9000; j++)
			t[j] = piece[j % (sizeof piece - 1)];
		for (off = 0; off < 3; off++)
			for (len = 0; len + off <= 9000; len += len < 80 ? 1 : 61) {
				want = 0;
				for (j = off; j < off + len; j++)
					want += ((unsigned char)t[j] & 0xC0) != 0x80;
				bad += doc_nchars(t + off, len) != want;
			}
		test_cond("doc_nchars: counts characters at any length", bad == 0);
		free(t);
	}
}
