# tests/lost/gen.awk: random gazette-like text, one file a case, for the
# "nothing lost" properties of tests/t_lost.sh.
#
#   awk -v dir=DIR -v n=CASES -v seed=SEED -f gen.awk
#
# writes DIR/c0001.txt ... and DIR/list (the file names).  Each case is 1
# to 60 lines drawn from what OCR makes of a gazette: prose lines long
# and short, wrapped or ending a sentence, enumerators of every level,
# document numbers with look-alike brackets, title blocks (the organ,
# a title wrapped or not, the number), page numbers, running headers, blank lines, indentation, form feeds, romanisation, symbols,
# vertical text, table rows, spaced-out characters, full-width forms,
# contents entries, signatures and dates, Latin words; now and then a
# control byte, a NUL, an invalid byte, a line past 64 KiB, CR LF or CR
# line ends.  The
# seed is fixed: every run writes the same cases (under mawk; another
# awk writes other, equally random ones).

function pick(s,   a, k) {
	k = split(s, a, " ")
	return a[1 + int(rand() * k)]
}

# n characters of prose.
function prose(n,   s, i) {
	s = ""
	for (i = 0; i < n; i++) {
		s = s substr(HAN, 1 + 3 * int(rand() * NHAN), 3)
		if (rand() < 0.08 && i + 1 < n)
			s = s pick("， 、 ， ；")
	}
	return s
}

# A line of 22,000 to 26,000 characters, past 64 KiB: a stretch of
# prose doubled, so that building it is not quadratic.
function long(   n, s) {
	n = 22000 + int(rand() * 4000)
	s = prose(500)
	while (length(s) < 3 * n)
		s = s s
	return substr(s, 1, 3 * n)
}

function num(max) { return 1 + int(rand() * max) }

function cn(k) { return substr("一二三四五六七八九十", 3 * (k - 1) + 1, 3) }

function fullwidth(s,   i, c, out) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c ~ /[0-9]/)
			out = out substr("０１２３４５６７８９", 3 * (c + 0) + 1, 3)
		else
			out = out c
	}
	return out
}

function docno(   y, s) {
	y = 2015 + int(rand() * 12)
	s = pick("〔〕 [] 【】 () （）")
	if (length(s) == 2)
		return pick("某政发 某政办发 某政任 某办字") substr(s, 1, 1) y substr(s, 2, 1) num(150) "号"
	return pick("某政发 某政办发 某政任 某办字") substr(s, 1, 3) y substr(s, 4, 3) num(150) "号"
}

# One line (or a few, for vertical text and blank runs), without its end.
function line(   r, k, s, i) {
	r = rand()
	if (r < 0.30)
		return prose(14 + int(rand() * 30))
	if (r < 0.40)
		return prose(3 + int(rand() * 20)) pick("。 ； ： 。 ！")
	if (r < 0.46)
		return pick(cn(num(10)) "、 （" cn(num(10)) "） " num(20) ". " num(20) "． " num(20) "、 " \
		    num(9) "." num(9) " " num(9) "." num(9) "." num(9) " 第" cn(num(10)) "条 附件" num(5) \
		    " 附件： （" num(9) "） ①") prose(2 + int(rand() * 25)) pick("。 ， ：  ")
	if (r < 0.50)
		return docno()
	if (r < 0.54)
		return pick("—_" num(60) "_— -_" num(60) "_- 第" num(60) "页 ~" num(60) "~ —" num(60) "— " \
		    "第" num(60) "页共62页")
	if (r < 0.57)
		return pick("某市人民政府公报 某县人民政府政报") " 2024·" num(12) pick(" 市政府文件 _市政府办公室文件  ")
	if (r < 0.62)
		return ""
	if (r < 0.67)
		return pick("__ 　　 \t _") prose(5 + int(rand() * 30)) pick("。 ，  ")
	if (r < 0.69)
		return pick("\f \f\f") (rand() < 0.5 ? prose(num(20)) : "")
	if (r < 0.70)
		return pick("MOUSHI_RENMIN_ZHENGFU_GONGBAO L_VLIANGSHI_REN_MIN ZHENGFU_GONGBAO")
	if (r < 0.72)
		return pick("※※※ ——— …… ★★★★ ·· ===")
	if (r < 0.74) {
		k = 2 + int(rand() * 5)
		s = substr(HAN, 1 + 3 * int(rand() * NHAN), 3)
		for (i = 1; i < k; i++)
			s = s "\n" substr(HAN, 1 + 3 * int(rand() * NHAN), 3)
		return s
	}
	if (r < 0.76)
		return pick("张三 李四 王五 赵六") "_" prose(4 + int(rand() * 8))
	if (r < 0.78)
		return pick("咨_询_与_解_读 2024_年_3_月 市_应_急_局 各_县_市_区")
	if (r < 0.80)
		return fullwidth(num(2030) "年" num(12) "月") pick("zfjdk8310620＠163．com ＡＢＣ１２３ ＧＢ５７４９ 加强")
	if (r < 0.82)
		return prose(8 + int(rand() * 20)) pick("…… ……………… ·········") num(80)
	if (r < 0.835) {
		# A title block: the organ, a title wrapped or not, the number,
		# the addressees.
		s = pick("某市人民政府 某市人民政府办公室 某县人民政府") "\n关于" prose(4 + int(rand() * 20))
		if (rand() < 0.5)
			s = s "\n" prose(2 + int(rand() * 10))
		s = s pick("的通知 的决定 的意见 的批复 办法（试行）")
		if (rand() < 0.7)
			s = s "\n" docno()
		if (rand() < 0.6)
			s = s "\n" pick("各县（市、区）人民政府，市人民政府各委、办、局： 市财政局：")
		return s
	}
	if (r < 0.85)
		return pick("某市人民政府 某市人民政府办公室 2024年3月1日 二〇二四年二月二十八日 （此件公开发布） " \
		    "（市应急局负责） （责任单位：市财政局、市委宣传部） 咨询电话：0358-8228066")
	if (r < 0.86)
		return pick("GB_5749_standard Hello_World_text ISO_9001 主(U)皇斗_0_2 吕梁市人民正义府办念’直")
	if (r < 0.87)
		return prose(num(10)) pick("\001 \033 \177 \b") prose(num(10))
	if (r < 0.875)
		return prose(num(10)) "\000" prose(num(10))
	if (r < 0.88)
		return prose(num(10)) pick("\377 \200 \345\210 \300\200") prose(num(10))
	if (r < 0.93)
		return prose(60 + int(rand() * 200))
	if (r < 0.932)
		return long()    # past 64 KiB: pieces
	if (r < 0.96)
		return prose(16 + int(rand() * 3))    # a narrow column, full
	return pick("  _ \t _　") prose(num(5))
}

BEGIN {
	HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
	NHAN = length(HAN) / 3
	srand(seed)
	for (c = 1; c <= n; c++) {
		f = sprintf("%s/c%04d.txt", dir, c)
		print f > (dir "/list")
		lines = 1 + int(rand() * 60)
		# Line ends: mostly LF, some files CR LF, a few CR.
		r = rand()
		eol = r < 0.8 ? "\n" : r < 0.93 ? "\r\n" : "\r"
		nul = 0
		for (i = 0; i < lines; i++) {
			s = line()
			# At most three NUL bytes a file: more is binary input,
			# which the hostile suite tests.
			if (index(s, "\000") && ++nul > 3)
				s = prose(5)
			gsub(/_/, " ", s)
			gsub(/\n/, eol, s)
			printf "%s%s", s, eol > f
		}
		close(f)
	}
	close(dir "/list")
}
