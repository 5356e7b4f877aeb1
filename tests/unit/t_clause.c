/* t_clause.c: responsibility clauses (lib/clause.c) and deadlines
 * (lib/date.c): tables of the forms the gazettes use. */

static void
test_clause(void)
{
	static const struct {
		const char *in, *lead, *resp, *coop, *local;
	} cl[] = {
		/* Unlabelled, with role words and a local group after ；. */
		{"市应急局、市委宣传部分工负责；各县市区党委政府，吕梁经开区",
		    "", "市应急局;市委宣传部", "", "各县市区党委政府;吕梁经开区"},
		{"市应急局、市委宣传部、市委组织部分工负责；各县市区党委政府，吕梁经开区",
		    "", "市应急局;市委宣传部;市委组织部", "", "各县市区党委政府;吕梁经开区"},
		{"市委组织部、各行业主管部门、负有安全监管职责的部门分工负责，市安委办；各县市区党委政府",
		    "", "市委组织部;各行业主管部门;负有安全监管职责的部门;市安委办", "", "各县市区党委政府"},
		{"市县两级安委会成员单位", "", "市县两级安委会成员单位", "", ""},
		{"市安委会成员单位并督促企业落实；各县市区党委政府", "", "市安委会成员单位", "", "各县市区党委政府"},
		{"市应急局、市委宣传部分工负责，市安委会有关成员单位配合；各县市区党委政府",
		    "", "市应急局;市委宣传部", "市安委会有关成员单位", "各县市区党委政府"},
		{"市安委办，市安委会成员单位；各县市区党委政府", "", "市安委办;市安委会成员单位", "", "各县市区党委政府"},
		{"市应急局负责", "", "市应急局", "", ""},
		{"市县两级安委会及其下设专委会", "", "市县两级安委会;市县两级安委会下设专委会", "", ""},
		{"市能源局、市水利局、市应急局等部门及市直有关部门负责；各县市区政府，吕梁经开区",
		    "", "市能源局;市水利局;市应急局;市直有关部门", "", "各县市区政府;吕梁经开区"},
		{"市行政审批局和市直有关部门负责；各县市区政府，吕梁经开区",
		    "", "市行政审批局;市直有关部门", "", "各县市区政府;吕梁经开区"},
		{"市级负有安全生产监管职责的部门督促企业落实；各县市区政府，吕梁经开区",
		    "", "市级负有安全生产监管职责的部门", "", "各县市区政府;吕梁经开区"},
		{"市级负有安全生产监管职责的部门分工负责，并督促企业落实；各县市区政府，吕梁经开区",
		    "", "市级负有安全生产监管职责的部门", "", "各县市区政府;吕梁经开区"},
		{"各县市区政府，吕梁经开区；市县两级安委会、专委会、行业安全专班",
		    "", "市县两级安委会;专委会;行业安全专班", "", "各县市区政府;吕梁经开区"},
		{"市应急局、国家矿山安全监察局山西局监察执法五处和市直相关部门分工负责；各县市区政府",
		    "", "市应急局;国家矿山安全监察局山西局监察执法五处;市直相关部门", "", "各县市区政府"},
		{"市应急局、市能源局分工负责；各产煤县市区", "", "市应急局;市能源局", "", "各产煤县市区"},
		{"市应急局、市气象局、市水利局等市减灾委有关成员单位分工负责；各县市区政府",
		    "", "市应急局;市气象局;市水利局", "", "各县市区政府"},
		{"市教育局、市民政局、市消防救援支队等部门按分工负责；各县市区政府",
		    "", "市教育局;市民政局;市消防救援支队", "", "各县市区政府"},
		{"市消防救援支队、国网吕梁供电公司、地电吕梁分公司等部门分工负责；各县市区政府，吕梁经开区",
		    "", "市消防救援支队;国网吕梁供电公司;地电吕梁分公司", "", "各县市区政府;吕梁经开区"},
		{"市级专委会及行业安全专班；各县市区政府，吕梁经开区", "", "市级专委会;行业安全专班", "", "各县市区政府;吕梁经开区"},
		{"市县两级安委会、安委办、专委会、行业安全专班", "", "市县两级安委会;安委办;专委会;行业安全专班", "", ""},
		{"市安委会，市安委会成员单位；各县市区党委政府", "", "市安委会;市安委会成员单位", "", "各县市区党委政府"},
		{"市安委办、市纪委监委、市消防救援支队、市委宣传部和市直有关部门分工负责；各县市区政府，吕梁经开区，各类媒体及社会资源",
		    "", "市安委办;市纪委监委;市消防救援支队;市委宣传部;市直有关部门;各类媒体及社会资源", "", "各县市区政府;吕梁经开区"},
		/* Labelled. */
		{"责任单位：市文旅局、市规划和自然资源局", "", "市文旅局;市规划和自然资源局", "", ""},
		{"责任单位：市人社局", "", "市人社局", "", ""},
		{"责任单位：市财政局、各县市区政府", "", "市财政局", "", "各县市区政府"},
		{"责任单位：各县市区政府、各相关部门", "", "各相关部门", "", "各县市区政府"},
		{"责任单位：国家税务总局吕梁市税务局", "", "国家税务总局吕梁市税务局", "", ""},
		{"责任单位：市人力资源和社会保障局、市住建局", "", "市人力资源和社会保障局;市住建局", "", ""},
		{"责任部门：各级行政执法机关", "", "各级行政执法机关", "", ""},
		{"责任部门：各级行政执法机关和司法行政部门按职责落实", "", "各级行政执法机关;司法行政部门", "", ""},
		{"责任部门：各行政执法机关和司法行政部门按职责落实；2024年6月底前各级行政执法机关要完成对本地、本部门行政执法队伍全员轮训",
		    "", "各行政执法机关;司法行政部门", "", ""},
		{"责任部门：各级行政执法机关和司法行政部门按职责落实；2024年12月底前完成",
		    "", "各级行政执法机关;司法行政部门", "", ""},
		{"责任部门：各级司法行政部门牵头，各级行政执法机关落实", "各级司法行政部门", "各级行政执法机关", "", ""},
		{"责任部门：各县（市、区）人民政府，各行政执法机关", "", "各行政执法机关", "", "各县（市、区）人民政府"},
		{"责任部门：各级行政执法机关和财政部门", "", "各级行政执法机关;财政部门", "", ""},
		/* 牵头单位 / 配合单位, and A牵头，B配合. */
		{"牵头单位：市水务局；配合单位：市发展改革委、市财政局、市规划和自然资源局，2023年12月底前完成",
		    "市水务局", "", "市发展改革委;市财政局;市规划和自然资源局", ""},
		{"牵头单位：市住建局、市水务局；配合单位：各区人民政府，太原中北高新区管委会",
		    "市住建局;市水务局", "", "", "各区人民政府;太原中北高新区管委会"},
		{"市委组织部牵头，市人社局、市财政局配合", "市委组织部", "", "市人社局;市财政局", ""},
		{"由市发展改革委牵头，市直有关部门配合", "市发展改革委", "", "市直有关部门", ""},
		{"牵头部门：市商务局；协办部门：市市场监管局", "市商务局", "", "市市场监管局", ""},
		/* Locals: other cities, other levels. */
		{"各市人民政府，省直有关部门", "", "省直有关部门", "", "各市人民政府"},
		{"相关市人民政府、省应急厅", "", "省应急厅", "", "相关市人民政府"},
		{"市工信局、稀土高新区管委会", "", "市工信局", "", "稀土高新区管委会"},
		{"事发地县（市、区）政府", "", "", "", "事发地县（市、区）政府"},
		/* The longest role word wins: 牵头负责 is no 负责. */
		{"市应急局牵头负责，市财政局配合落实", "市应急局", "", "市财政局", ""},
		{"责任单位：市文旅局，上半年完成", "", "市文旅局", "", ""},
	};
	static const struct {
		const char *in, *iso, *text;
		int year;
	} dl[] = {
		{"2024年6月底前完成", "2024-06-30", "2024年6月底前", 2024},
		{"于2024年12月底前完成", "2024-12-31", "2024年12月底前", 2024},
		{"力争2024年底前建成", "2024-12-31", "2024年底前", 2024},
		{"6月底前完成部署", "2024-06-30", "6月底前", 2024},
		{"年底前全面完成", "2024-12-31", "年底前", 2024},
		{"2024年3月31日前报送", "2024-03-31", "2024年3月31日前", 2024},
		{"上半年前完成", "2024-06-30", "上半年前", 2024},
		{"2025年上半年前完成", "2025-06-30", "2025年上半年前", 2024},
		{"下半年前启动", "2024-12-31", "下半年前", 2024},
		{"第三季度前完成", "2024-09-30", "第三季度前", 2024},
		{"2024年第一季度前", "2024-03-31", "2024年第一季度前", 2023},
		{"二季度末前完成", "2024-06-30", "二季度末前", 2024},
		{"2024年2月底前", "2024-02-29", "2024年2月底前", 2023},
		{"2023年2月底前", "2023-02-28", "2023年2月底前", 2023},
		{"2023年12月底完成", "2023-12-31", "2023年12月底", 2023},
		{"9月30日之前", "2024-09-30", "9月30日之前", 2024},
		{"二〇二四年六月底前", "2024-06-30", "二〇二四年六月底前", 2023},
		{"十一月底以前", "2024-11-30", "十一月底以前", 2024},
		{"2024年5月10日前", "2024-05-10", "2024年5月10日前", 2024},
		{"到2025年底，推动市场主体倍增", "", "", 2024},     /* a goal, not a deadline */
		{"2023年5月8日", "", "", 2023},                       /* a date, not a deadline */
		{"6月底前", "", "", 0},                               /* no year to give it */
		{"每月至少召开一次会议", "", "", 2024},
		{"年内完成改造120公里", "", "", 2024},
		{"上半年完成", "2024-06-30", "上半年", 2024},
		{"第三季度末完成", "2024-09-30", "第三季度末", 2024},
	};
	struct clause_units u = {{0}, {0}, {0}, {0}, 0};
	char descr[200], iso[11];
	size_t i, so, eo;
	struct ymd d;

	for (i = 0; i < sizeof cl / sizeof cl[0]; i++) {
		int good;

		clause_parse(cl[i].in, strlen(cl[i].in), &u);
		buf_cstr(&u.lead);
		buf_cstr(&u.resp);
		buf_cstr(&u.coop);
		buf_cstr(&u.local);
		good = strcmp(u.lead.p, cl[i].lead) == 0 && strcmp(u.resp.p, cl[i].resp) == 0 &&
		    strcmp(u.coop.p, cl[i].coop) == 0 && strcmp(u.local.p, cl[i].local) == 0;
		snprintf(descr, sizeof descr, "clause %zu: %.150s", i + 1, cl[i].in);
		test_cond(descr, good);
		if (!good)
			printf("# lead [%s] resp [%s] coop [%s] local [%s]\n", u.lead.p, u.resp.p, u.coop.p, u.local.p);
	}
	for (i = 0; i < sizeof dl / sizeof dl[0]; i++) {
		int found = deadline_find(dl[i].in, strlen(dl[i].in), dl[i].year, &d, &so, &eo);

		if (found)
			date_iso(&d, iso);
		else
			iso[0] = '\0';
		snprintf(descr, sizeof descr, "deadline \"%s\" is \"%s\"", dl[i].in, dl[i].iso);
		test_cond(descr, strcmp(iso, dl[i].iso) == 0 &&
		    (!found || (eo - so == strlen(dl[i].text) && memcmp(dl[i].in + so, dl[i].text, eo - so) == 0)));
	}
	{
		static const char item[] = "8．实行市县政府领导干部包保煤矿制度。（市应急局负责）";
		static const char open_[] = "3．做好工作。（市应急局负责";
		static const char plain[] = "对商场、养老院（敬老院）等场所";
		static const char title[] = "管理办法（试行）";
		size_t op, cso, ceo;
		int closed;

		test_cond("clause_find: the final clause",
		    clause_find(item, sizeof item - 1, &op, &cso, &ceo, &closed, NULL) && closed &&
		    ceo - cso == strlen("市应急局负责"));
		test_cond("clause_find: a clause that never closes",
		    clause_find(open_, sizeof open_ - 1, &op, &cso, &ceo, &closed, NULL) && !closed);
		test_cond("clause_find: brackets inside a sentence are no clause",
		    !clause_find(plain, sizeof plain - 1, &op, &cso, &ceo, &closed, NULL));
		test_cond("clause_find: （试行） is no clause",
		    !clause_find(title, sizeof title - 1, &op, &cso, &ceo, &closed, NULL));
		{
			static const char people[] = "组织一次演练。（参与人员不少于100人）";
			static const char nostop[] = "安排专项资金（市财政局负责）。";
			static const char square[] = "推动文旅融合。【责任单位：市文旅局】";
			static const char ascii[] = "推动文旅融合。(市文旅局负责)";
			static const char nested[] = "加强监督。〔责任部门：各县（市、区）人民政府，各行政执法机关〕";

			test_cond("clause_find: 参与 inside a sentence makes no clause",
			    !clause_find(people, sizeof people - 1, &op, &cso, &ceo, &closed, NULL));
			test_cond("clause_find: a role word needs no sentence end before it",
			    clause_find(nostop, sizeof nostop - 1, &op, &cso, &ceo, &closed, NULL) &&
			    ceo - cso == strlen("市财政局负责"));
			test_cond("clause_find: 【】 brackets",
			    clause_find(square, sizeof square - 1, &op, &cso, &ceo, &closed, NULL) &&
			    ceo - cso == strlen("责任单位：市文旅局"));
			test_cond("clause_find: 〔〕 with （市、区） inside",
			    clause_find(nested, sizeof nested - 1, &op, &cso, &ceo, &closed, NULL) &&
			    ceo - cso == strlen("责任部门：各县（市、区）人民政府，各行政执法机关"));
			test_cond("clause_find: ASCII brackets",
			    clause_find(ascii, sizeof ascii - 1, &op, &cso, &ceo, &closed, NULL) &&
			    ceo - cso == strlen("市文旅局负责"));
			/* Found by the clause fuzz target: the text of a clause
			 * that never closes starts one byte after an ASCII
			 * bracket, not three (a crash when it ended within two). */
			{
				static const char open_ascii[] = "加强安全管理。(市应急局";
				static const char open_short[] = "\x01(N";

				int found = clause_find(open_ascii, sizeof open_ascii - 1, &op, &cso, &ceo,
				    &closed, NULL);

				test_str("clause_find: an ASCII bracket that never closes",
				    open_ascii + (found ? cso : 0), found ? ceo - cso : 0, "市应急局");
				test_cond("clause_find: an ASCII bracket that never closes, at the end",
				    !clause_find(open_short, sizeof open_short - 1, &op, &cso, &ceo, &closed, NULL) ||
				    (cso <= ceo && ceo <= sizeof open_short - 1));
			}
		}
		/* Long texts: the bracket scans test sixteen places at a
		 * time (with GNU C vectors; unit-portable walks them), so
		 * brackets at every distance from the ends are tried. */
		{
			static const char *const fill[] = {"", "市", "a", "市a", "市市", "市市a"};
			static const char head[] = "加强安全管理，落实（各项）制度，完善(机制)。";
			char t[512];
			size_t f, g, k, len;
			int bad = 0;

			for (f = 0; f < 6; f++)
				for (g = 0; g < 6; g++)
					for (k = 0; k < 12; k++) {
						size_t r;

						/* head, k fillers, a clause that closes */
						len = (size_t)snprintf(t, sizeof t, "%s%s", head, fill[f]);
						for (r = 0; r < k; r++)
							len += (size_t)snprintf(t + len, sizeof t - len, "%s", fill[g]);
						len += (size_t)snprintf(t + len, sizeof t - len, "%s市应急局%s负责%s",
						    k % 3 == 0 ? "（" : k % 3 == 1 ? "〔" : "【", fill[g],
						    k % 3 == 0 ? "）" : k % 3 == 1 ? "〕" : "】");
						if (!clause_find(t, len, &op, &cso, &ceo, &closed, NULL) || !closed ||
						    ceo - cso != strlen("市应急局负责") + strlen(fill[g]))
							bad++;
						/* the same, never closed */
						len -= 3;
						if (!clause_find(t, len, &op, &cso, &ceo, &closed, NULL) || closed ||
						    ceo - cso != strlen("市应急局负责") + strlen(fill[g]))
							bad++;
						/* an ASCII bracket closes it */
						t[len] = ')';
						if (!clause_find(t, len + 1, &op, &cso, &ceo, &closed, NULL) || !closed)
							bad++;
					}
			test_cond("clause_find: brackets at every distance from both ends", bad == 0);
		}
	}
	{
		/* A label with a bracket in it: what follows it is split as
		 * if no bracket were open, as it always was. */
		static const char lab[] = "牵头（单位：市财政局，市税务局）";
		static const char far[] = "市财政局、市税务局、市人社局等部门：负责";

		clause_parse(lab, sizeof lab - 1, &u);
		test_str("clause_parse: a label with a bracket in it", u.lead.p, u.lead.len,
		    "市财政局;市税务局）");
		clause_parse(far, sizeof far - 1, &u);
		test_cond("clause_parse: a ：beyond 18 bytes makes no label",
		    u.lead.len == 0 && u.coop.len == 0 && u.resp.len > 0);
	}
	{
		/* clause_find leaves the units of a clause of unit names
		 * only, parsed to judge it, as clause_parse gives them; a
		 * strong clause, or none found, leaves them to be parsed. */
		static const char names[] = "做好工作。（市应急局、市财政局，各县市区政府）";
		static const char strong[] = "做好工作。（市应急局负责）";
		static const char inside[] = "对商场、养老院（敬老院）";
		struct clause_units v = {{0}, {0}, {0}, {0}, 0};
		size_t op, cso, ceo;
		int closed, found;

		found = clause_find(names, sizeof names - 1, &op, &cso, &ceo, &closed, &v);
		clause_parse(names + cso, ceo - cso, &u);
		test_cond("clause_find: the units of a clause of names only are left parsed",
		    found && v.parsed && v.resp.len == u.resp.len &&
		    memcmp(v.resp.p, u.resp.p, u.resp.len) == 0 && v.local.len == u.local.len &&
		    memcmp(v.local.p, u.local.p, u.local.len) == 0 && v.lead.len == 0 && v.coop.len == 0);
		found = clause_find(strong, sizeof strong - 1, &op, &cso, &ceo, &closed, &v);
		test_cond("clause_find: a strong clause is left to be parsed", found && !v.parsed);
		v.parsed = 1;
		found = clause_find(inside, sizeof inside - 1, &op, &cso, &ceo, &closed, &v);
		test_cond("clause_find: no clause, nothing parsed", !found && !v.parsed);
		clause_units_free(&v);
	}
	{
		/* Long texts: deadline_find looks for 前 and 完成 32 places
		 * at a time (with GNU C vectors; unit-portable walks them),
		 * the last block overlapping the one before.  A deadline at
		 * every distance from both ends, after 才 and 成 without 完
		 * (the same last bytes), and alone, is found whole. */
		static const char *const fill[] = {"推进", "a", "才成", "完成工作a", "成"};
		static const char *const dls[] = {"2024年6月底前", "2024年底完成", "2025年3月31日之前"};
		static const char *const isos[] = {"2024-06-30", "2024-12-31", "2025-03-31"};
		static const size_t dl_len[] = {sizeof "2024年6月底前" - 1, sizeof "2024年底" - 1,
			sizeof "2025年3月31日之前" - 1};   /* 完成 is not the deadline's */
		char t[1200];   /* 79 fillers of at most 13 bytes and a deadline */
		size_t f, k, m, len, at, after;
		int bad = 0;

		for (f = 0; f < 5; f++)
			for (m = 0; m < 3; m++)
				for (k = 0; k < 40; k++)
					for (after = 0; after < 40; after += 13) {
						size_t r;

						len = 0;
						for (r = 0; r < k; r++)
							len += (size_t)snprintf(t + len, sizeof t - len, "%s", fill[f]);
						at = len;
						len += (size_t)snprintf(t + len, sizeof t - len, "%s", dls[m]);
						for (r = 0; r < after; r++)
							len += (size_t)snprintf(t + len, sizeof t - len, "%s", fill[(f + r) % 5]);
						if (!deadline_find(t, len, 2023, &d, &so, &eo))
							bad++;
						else if (so != at || eo - so != dl_len[m] ||
						    (date_iso(&d, iso), strcmp(iso, isos[m]) != 0))
							bad++;
						/* cut before the deadline's end: none */
						if (deadline_find(t, at + strlen(dls[m]) - 3, 2023, &d, &so, &eo))
							bad++;
					}
		test_cond("deadline_find: deadlines at every distance from both ends", bad == 0);
	}
	clause_units_free(&u);
}
