#!/bin/sh
# tests/hostile/gen.sh DIR [SCALE]: writes the hostile inputs into DIR.
# Every input is made here, at test time, by deterministic generators
# (awk with a fixed seed, never /dev/urandom), so nothing big is
# committed and every run sees the same bytes.  SCALE (default 1) divides
# the sizes of the big inputs (the 50 MB line, the 100,000 lines): the
# sanitizer build runs with a larger SCALE to keep its time, with every
# case still there.
set -eu
LC_ALL=C
export LC_ALL
D=$1
S=${2:-1}
mkdir -p "$D"
cd "$D"

# Gazette-like text: a title block, enumerated items with clauses,
# wrapped lines, page furniture, a personnel decision.  N lines.
gazette() {
	awk -v n="$1" -v seed="${2:-1}" 'BEGIN {
		srand(seed)
		split("市应急局 市财政局 市委宣传部 各县（市、区）人民政府 市规划和自然资源局", u, " ")
		print "某市人民政府公报"
		print "2024年第2期（总第29期）"
		print "某市人民政府"
		print "关于做好2024年安全生产工作的通知"
		print "某政发〔2024〕1号"
		print "各县（市、区）人民政府，市人民政府各委、办、局："
		for (i = 7; i <= n; i++) {
			r = int(rand() * 10)
			if (r == 0) print "一、总体要求"
			else if (r == 1) print "（" i "）加强组织领导，压实各方责任。（" u[1 + int(rand() * 5)] "负责）"
			else if (r == 2) print i "．实行领导干部包保煤矿、金属非金属地下矿山和尾矿库安全生产责"
			else if (r == 3) print "任制，严格落实市县政府领导煤矿、非煤矿山安全生产挂牌责任人制度。"
			else if (r == 4) print ""
			else if (r == 5) print "— " i " —"
			else if (r == 6) print "经市人民政府第5次常务会议研究，决定任命：张三为市财政局局长；"
			else if (r == 7) print "  2024 年 3 月 1 日"
			else if (r == 8) print "某政办发〔2024〕" i "号"
			else print "咨询电话：0358-8228066"
		}
	}'
}

# empty: no byte at all.
: > empty.txt

# noise: 1 MB of random bytes, NUL and every other value included.
awk -v n=$((1048576 / S)) 'BEGIN { srand(7); for (i = 0; i < n; i++) printf "%c", int(rand() * 256) }' > noise.bin

# NUL bytes: text with a stray NUL in a few lines, and text dense with
# them (as UTF-16 without a byte order mark would be).
# A stray NUL is removed from its line, with a warning; more than
# eight in the first 64 KiB make the input binary.
gazette 2000 2 | awk 'NR % 500 == 0 { printf "%s%c尾\n", $0, 0; next } { print }' > nul-stray.txt
gazette 200 3 | awk '{ for (i = 1; i <= length($0); i++) printf "%s%c", substr($0, i, 1), 0; print "" }' > nul-dense.txt

# Invalid UTF-8: a stray high byte, a lone continuation byte, an
# over-long form, a surrogate, a five-byte form, sprinkled over text.
# Then a line of two million of them: decoded a byte at a time, which
# must stay linear.
gazette 3000 4 | awk 'BEGIN { split("\377 \200 \300\200 \355\240\200 \370\210\200\200\200 \376\376", bad, " ") }
	NR % 13 == 0 { print substr($0, 1, 9) bad[1 + (NR / 13) % 6] substr($0, 10); next } { print }' > bad-utf8.txt
awk -v n=$((2097152 / S)) 'BEGIN { b = "\200"; while (length(b) < n) b = b b; print substr(b, 1, n) }' >> bad-utf8.txt
# Truncated UTF-8: characters cut before a newline, before ASCII, and
# the last character of the file cut in two.
gazette 3000 5 | awk 'NR % 500 == 0 { print $0 "\345\210"; next } NR % 1100 == 0 { print "\344" $0; next } { print }' > trunc-utf8.txt
printf '最后一行被截断\345\210' >> trunc-utf8.txt

# GB18030 with invalid sequences: a lead byte before a space or a
# newline, 0xFF, a four-byte form with a bad third byte; then a line of
# a million 0xFF.
gazette 3000 6 | iconv -f UTF-8 -t GB18030 |
    awk 'BEGIN { split("\201\040 \377 \201\060\060\060 \200", bad, " ") }
	NR % 13 == 0 { print bad[1 + (NR / 13) % 4] $0 "\201"; next } { print }' > bad-gb18030.txt
awk -v n=$((1048576 / S)) 'BEGIN { b = "\377"; while (length(b) < n) b = b b; print substr(b, 1, n) }' >> bad-gb18030.txt
# Truncated GB18030: a four-byte sequence cut at the end of the file,
# and two-byte ones cut by a newline.
gazette 3000 8 | iconv -f UTF-8 -t GB18030 | awk 'NR % 400 == 0 { print $0 "\201\060"; next } { print }' > trunc-gb18030.txt
printf '\327\356\272\363\201\060\201' >> trunc-gb18030.txt

# A 50 MB line: Chinese text with punctuation and no line end at all.
awk -v n=$((50 * 1048576 / S)) 'BEGIN {
	s = "加强组织领导，压实各方责任（市应急局负责）。2024年3月1日，某政发〔2024〕1号；"
	while (length(s) < n) s = s s
	printf "%s", substr(s, 1, n)
}' > long-line.txt

# Brackets nested 100,000 deep: （ and 〔, closed and never closed, in a
# task item, a decision and a document number; each line twice, so that
# wrapped into a stream it is both body and another kind.
nest() { # OPEN CLOSE DEPTH
	awk -v o="$1" -v c="$2" -v n="$3" '
	function rep(s, n,  r) { r = ""; while (n > 0) { if (n % 2) r = r s; s = s s; n = int(n / 2) }; return r }
	BEGIN {
		so = rep(o, n)
		sc = rep(c, n)
		print "某市人民政府关于" so "任免" sc "的通知"
		print "某政发" so "2024" sc "1号"
		print "1．加强监管。" so "市应急局负责" sc
		print "1．加强监管。" so "市应急局负责" sc
		print "决定任命：张三为" so "市财政局局长" sc "；"
		print "决定任命：张三为" so "市财政局局长" sc "；"
		print "2．开展检查。" so "责任单位：" so
		print "2．开展检查。" so "责任单位：" so
		print "经" so "研究，决定免去：" sc "李四的" so "职务"
		print "经" so "研究，决定免去：" sc "李四的" so "职务"
	}'
}
nest "（" "）" $((100000 / S)) > nest-paren.txt
nest "〔" "〕" $((100000 / S)) > nest-tortoise.txt

# 100,000 document-number lines, serials repeating every 100 (so that
# numbers repeat within the documents of the para- stream, at a quarter
# the size too), with look-alike brackets in every third.
awk -v n=$((100000 / S)) 'BEGIN {
	for (i = 1; i <= n; i++) {
		if (i % 3 == 0) printf "某政发[2024]%d号\n", i % 100
		else printf "某政发〔%d〕%d号\n", 2000 + i % 30, i % 100
	}
}' > docno.txt

# 100,000 document numbers in the other places they stand: each the
# number of a document (a title, the number, a date), the serials
# repeating every 1,000; and contents entries with numbers, followed by
# 10,000 documents none of them names.
awk -v n=$((100000 / S)) 'BEGIN {
	for (i = 1; i <= n; i++) {
		print "某市人民政府关于做好第" i "项工作的通知"
		printf "某政发〔2024〕%d号\n", i % 1000
		print "2024年3月1日"
	}
}' > docno-docs.txt
awk -v n=$((100000 / S)) 'BEGIN {
	print "目录"
	for (i = 1; i <= n; i++)
		printf "某市人民政府关于做好第%d项工作的通知（某政发〔2024〕%d号）……%d\n", i, i, 1 + i % 9000
	for (i = 1; i <= n / 10; i++) {
		print "某市人民政府关于落实第" i "项任务的决定"
		printf "某政办发〔2024〕%d号\n", i
		print "2024年3月1日"
	}
}' > docno-toc.txt

# Numbers too big for any integer type, where the tools read numbers:
# years, issues, serials, enumerators, deadlines, terms, page numbers.
awk 'BEGIN {
	b = "99999999999999999999999"; c = "九九九九九九九九九九九九九九九九九九九九九九九"
	print "某市人民政府公报"
	print b "年第" b "期（总第" b "期）"
	print "某市人民政府关于李四等" b "人任免的通知"
	print "某政发〔" b "〕" b "号"
	print "各县（市、区）人民政府："
	print b "．加强领导。（市应急局负责）"
	print "（" b "）" c "年底前完成。（市财政局负责）"
	print "第" c "条 2024年" b "月底前完成。（市财政局负责）"
	print b "." b "." b " " c "月底前完成。"
	print "— 9999 —"
	print "经市人民政府第" b "次常务会议研究，决定任命：张三为市财政局局长（任期" c "年，" b "年3月至" b "年3月）（试用期" c "年）；"
	print b "年" b "月" b "日"
	print c "年" c "月" c "日"
	print "咨询电话：" b
}' > big-numbers.txt

# Streams broken in every way a reader must refuse: a header of another
# stream, ragged rows, bad escapes, a header with a byte order mark or
# an unnamed column.  For each of the two stream shapes the tools read.
CLEAN='page	line	text	header'
PARA='source	doc	page	line	para	kind	text	section	header'
printf 'id\tname\tvalue\n1\t张三\t市长\n2\t李四\t副市长\n' > wrong-header.tsv
for shape in clean para; do
	if [ $shape = clean ]; then
		h=$CLEAN row='1	10	一、总体要求	'
	else
		h=$PARA row='x	1	1	10	1	body	一、总体要求		'
	fi
	printf '%s\n%s\n%s\n' "$h" "$row" "$(printf '%s' "$row" | cut -f2-)" > $shape-ragged-few.tsv
	printf '%s\n%s\n%s\t多余\t字段\n' "$h" "$row" "$row" > $shape-ragged-many.tsv
	printf '%s\n%s\n%s\n' "$h" "$row" "$(printf '%s' "$row" | sed 's/一、/\\x一、/')" > $shape-escape-x.tsv
	printf '%s\n%s\n%s\\\n' "$h" "$row" "$row" > $shape-escape-end.tsv
	printf '\357\273\277%s\n%s\n' "$h" "$row" > $shape-bom-header.tsv
	printf '%s\n%s\n' "$(printf '%s' "$h" | sed 's/	line	/		/')" "$row" > $shape-unnamed.tsv
done
# Numeric columns that are no numbers, or too big for any type.
{
	printf '%s\n' "$CLEAN"
	printf '99999999999999999999\t99999999999999999999\t某市人民政府公报\t\n'
	printf -- '-5\t-7\t某市人民政府关于做好工作的通知\t\n'
	printf 'abc\tx\t某政发〔2024〕1号\t\n'
	printf '2147483648\t9223372036854775808\t各县（市、区）人民政府：\t\n'
	printf '\t\t1．加强领导。（市应急局负责）\t\n'
} > clean-numbers.tsv
{
	printf '%s\n' "$PARA"
	for d in 99999999999999999999 -1 abc 2147483648 0 1 -2147483649 1; do
		printf 'x\t%s\t99999999999999999999\t99999999999999999999\t%s\ttitle\t关于李四等99999999999999999999人任免的通知\t\t\n' $d $d
		printf 'x\t%s\t-5\t-99999999999999999999\t1\tbody\t决定任命：张三为市长；1．加强。（市应急局负责）\t\t\n' $d
		printf 'x\t%s\t2147483648\t1\t1\tdate\t2024年3月1日\t\t\n' $d
		printf 'x\t%s\t1\t1\t1\tdocno\t某政发〔2024〕1号\t\t\n' $d
	done
} > para-numbers.tsv

# Each raw text case wrapped into both stream shapes, line by line:
# what the stream tools get when hostile text reaches them without
# ocr-clean in between.  Text is escaped; bytes are not repaired, so
# the invalid ones stay invalid.
for f in empty.txt noise.bin nul-stray.txt nul-dense.txt bad-utf8.txt trunc-utf8.txt \
    bad-gb18030.txt trunc-gb18030.txt nest-paren.txt nest-tortoise.txt docno.txt; do
	b=${f%.*}
	awk -v clean="$CLEAN" -v para="$PARA" -v c=clean-$b.tsv -v p=para-$b.tsv 'BEGIN {
		print clean > c
		print para > p
		split("body title body docno body date body signer body consult body addressee " \
		    "body disclosure body attachment body masthead body toc body section", k, " ")
	}
	{
		sub(/\r$/, "")
		if (index($0, "\\")) gsub(/\\/, "\\\\")
		if (index($0, "\t")) gsub(/\t/, "\\t")
		if (index($0, "\r")) gsub(/\r/, "\\r")
		printf "%d\t%d\t%s\t\n", 1 + int(NR / 40), NR, $0 > c
		printf "x\t%d\t%d\t%d\t%d\t%s\t%s\t\t\n", 1 + int((NR - 1) / 64), 1 + int(NR / 40), NR,
		    1 + (NR - 1) % 64, k[1 + (NR - 1) % 22], $0 > p
	}' "$f"
done
# The 50 MB line holds no TAB, CR or backslash: wrapped as it is (awk
# reads so long a record slowly).
{ printf '%s\n1\t1\t' "$CLEAN"; cat long-line.txt; printf '\t\n'; } > clean-long-line.tsv
{ printf '%s\nx\t1\t1\t1\t1\tbody\t' "$PARA"; cat long-line.txt; printf '\t\t\n'; } > para-long-line.tsv
