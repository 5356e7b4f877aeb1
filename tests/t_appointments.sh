# t_appointments.sh: extract-appointments on the fixtures and bad input.
. "$top/tests/lib.sh"

LV=$FIX/lvliang-2024-02.txt
"$BIN/ocr-clean" "$LV" | "$BIN/segment" -s lvliang-2024-02 > "$T/lv.seg"
"$BIN/extract-appointments" "$T/lv.seg" 2> "$T/err" | "$BIN/to-csv" > "$T/lv.csv"
same "lvliang-2024-02: appointments.csv as checked by hand" "$FIX/extract-appointments/lvliang-2024-02.csv" "$T/lv.csv"
[ ! -s "$T/err" ] && ok "lvliang-2024-02: the head counts of the titles agree (no warning)" ||
    notok "lvliang-2024-02: the head counts of the titles agree (no warning)" "$(cat "$T/err")"
cut -d, -f2 "$T/lv.csv" | tail -n +2 | sort -u | tr '\n' ' ' > "$T/docs"
[ "$(cat "$T/docs")" = "11 12 13 " ] && ok "only the three personnel notices give rows" ||
    notok "only the three personnel notices give rows" "$(cat "$T/docs")"

"$BIN/ocr-clean" "$FIX/taiyuan-2023-05.txt" | "$BIN/segment" -s taiyuan-2023-05 |
    "$BIN/extract-appointments" | "$BIN/to-csv" > "$T/ty.csv"
same "taiyuan-2023-05: 任命, 聘任, 兼任, 免去 and a minority name" "$FIX/extract-appointments/taiyuan-2023-05.csv" "$T/ty.csv"

# The head count: a notice altered to disagree with its title.
sed 's/关于李计平等10人任免的通知/关于李计平等9人任免的通知/' "$T/lv.seg" > "$T/count.seg"
run_tool extract-appointments "$T/count.seg"
expect "a title that counts 9 where the decisions name 10 warns" 0 \
    'document 12: the title counts 9 people, the decisions name 10'
"$BIN/extract-appointments" --strict "$T/count.seg" > /dev/null 2>&1
[ $? = 1 ] && ok "--strict: the head-count warning makes status 1" || notok "--strict: the head-count warning makes status 1"

# Bad input.
hdr='source	doc	page	line	para	kind	text'
{
	echo "$hdr"
	printf 'x\t1\t1\t1\t1\ttitle\t某市人民政府关于张三等2人免职的通知\n'
	printf 'x\t1\t1\t2\t2\tbody\t经市人民政府常务会议研究，决定免去：\n'
	printf 'x\t1\t1\t3\t3\tbody\t市财政局局长职务；\n'
	printf 'x\t1\t1\t4\t4\tbody\t张三的市财政局局长职务；\n'
	printf 'x\t1\t1\t5\t5\tbody\t李四的市商务局\n'
} > "$T/cut.seg"
run_tool extract-appointments "$T/cut.seg"
expect "a sentence with no person: a warning" 0 'cut\.seg:3: warning: no person in: 市财政局局长职务'
expect "a notice cut off mid-sentence: a warning" 0 'cut\.seg:5: warning: a decision cut off: 李四的市商务局'
awk -F'\t' '$7 == "张三" && $8 == "remove" && $9 == "市财政局局长"' "$T/out" | grep -q . &&
    ok "the whole decisions of a cut-off notice still give their rows" ||
    notok "the whole decisions of a cut-off notice still give their rows" "$(cat "$T/out")"

# 10,000 decisions in one notice: linear, bounded.
# Ten thousand different names: two of a hundred characters each.
han='赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧'
awk -v h="$hdr" -v han="$han" 'BEGIN { print h; print "x\t1\t1\t1\t1\ttitle\t某市人民政府关于某某等10000人任免的通知"
	print "x\t1\t1\t2\t2\tbody\t经市人民政府党组会议研究，决定任命："
	for (i = 0; i < 10000; i++)
		printf "x\t1\t1\t%d\t%d\tbody\t%s%s为市第%d局局长（试用期一年）；\n", i + 3, i + 3,
		    substr(han, 3 * (i % 100) + 1, 3), substr(han, 3 * int(i / 100) + 1, 3), i
	print "x\t1\t1\t10003\t10003\tdate\t2024年3月1日" }' > "$T/big.seg"
with_memory_limit 100000 "$BIN/extract-appointments" "$T/big.seg" > "$T/out" 2> "$T/err"
rc=$?
expect "10,000 decisions in one notice: done" 0
[ "$(awk -F'\t' 'NR > 1 && $8 == "appoint" && $12 == 12' "$T/out" | wc -l)" = 10000 ] &&
    ok "10,000 decisions in one notice: 10,000 rows" || notok "10,000 decisions in one notice: 10,000 rows" "$(wc -l < "$T/out")"

# A stream from the wrong tool.
# (ocr-clean meets a closed pipe when the tool stops at the header.)
"$BIN/ocr-clean" "$LV" 2> /dev/null | "$BIN/extract-appointments" > /dev/null 2> "$T/err"
grep -q 'missing columns: source, doc, kind' "$T/err" && ok "extract-appointments on ocr-clean's stream names what is missing" ||
    notok "extract-appointments on ocr-clean's stream names what is missing" "$(cat "$T/err")"

# Small notices written for one rule each.  notice NAME turns lines
# KIND<TAB>TEXT on standard input into $T/NAME.seg, one document whose
# Nth row is on line N; decisions NAME runs the tool on it in $T and
# leaves meeting, person, action, position, probation and line of each
# row in $T/NAME.rows, the warnings in $T/NAME.err.
notice() {
	awk -v h="$hdr" 'BEGIN { FS = "\t"; print h }
	    { printf "x\t1\t1\t%d\t%d\t%s\t%s\n", NR, NR, $1, $2 }' > "$T/$1.seg"
}
decisions() {
	(cd "$T" && "$BIN/extract-appointments" "$1.seg" 2> "$1.err" | tail -n +2 |
	    cut -f 5,7-9,12,14 > "$1.rows")
}
# decided NAME WHAT: ok when the rows of NAME, then its warnings, are
# $T/NAME.want.
decided() {
	cat "$T/$1.rows" "$T/$1.err" > "$T/$1.got"
	same "$2" "$T/$1.want" "$T/$1.got"
}

# A decision broken over two rows by OCR: the second row is no prose,
# whether a section gives an action or not.
notice broken <<'IN'
title	某市人民政府关于李四等3人任免的通知
body	免去赵六的市财政局
body	局长职务；
body	经市人民政府常务会议研究，决定：
body	任命李四为州教育局
body	副局长；
body	王五兼任市政府副秘书长。
IN
decisions broken
cat > "$T/broken.want" <<'OUT'
	赵六	remove	市财政局局长		2
市人民政府常务会议	李四	appoint	州教育局副局长		5
市人民政府常务会议	王五	concurrent	市政府副秘书长		7
OUT
same "a decision broken over two rows is read whole" "$T/broken.want" "$T/broken.rows"
same "a decision broken over two rows: no warning" /dev/null "$T/broken.err"

# A row without its stop: the next decision starts afresh, and so does
# a section line; each time a warning says which decision lacked it.
notice nostop <<'IN'
title	某市人民政府关于赵六等5人任免的通知
body	经市人民政府常务会议研究，决定免去：
body	赵六的市财政局局长职务
body	钱七的市审计局局长职务；
body	决定任命：
body	孙八为市统计局局长
body	周九为市商务局局长；
body	吴十为市水务局局长
body	决定免去：
body	周九的市统计局局长职务。
IN
decisions nostop
cat > "$T/nostop.want" <<'OUT'
市人民政府常务会议	赵六	remove	市财政局局长		3
市人民政府常务会议	钱七	remove	市审计局局长		4
市人民政府常务会议	孙八	appoint	市统计局局长		6
市人民政府常务会议	周九	appoint	市商务局局长		7
市人民政府常务会议	吴十	appoint	市水务局局长		8
市人民政府常务会议	周九	remove	市统计局局长		10
OUT
cat > "$T/nostop.want-err" <<'OUT'
extract-appointments: nostop.seg:3: warning: a decision cut off: 赵六的市财政局局长职务
extract-appointments: nostop.seg:6: warning: a decision cut off: 孙八为市统计局局长
extract-appointments: nostop.seg:8: warning: a decision cut off: 吴十为市水务局局长
OUT
same "a row without its stop does not join the next decision" "$T/nostop.want" "$T/nostop.rows"
same "a row without its stop: a warning each" "$T/nostop.want-err" "$T/nostop.err"

# Decisions without a verb, before the first section and under 决定：.
# X任Y is an appointment where the name before 任 is sure; X为Y with no
# verb, or X担任Y, is a warning, never nothing.  A note on a term
# (任期届满) is prose.
notice verbless <<'IN'
title	某市人民政府关于张三等2人任职的通知
body	张三任市水务局局长（试用期一年）；
body	经市人民政府常务会议研究，决定：
body	王任重任市发展和改革委员会主任；
body	李四为市农业农村局局长；
body	赵五担任市商务局局长；
body	钱六任期届满，不再提名。
IN
decisions verbless
cat > "$T/verbless.want" <<'OUT'
	张三	appoint	市水务局局长	12	2
市人民政府常务会议	王任重	appoint	市发展和改革委员会主任		4
OUT
cat > "$T/verbless.want-err" <<'OUT'
extract-appointments: verbless.seg:5: warning: a decision without a verb: 李四为市农业农村局局长
extract-appointments: verbless.seg:6: warning: a decision without a verb: 赵五担任市商务局局长
OUT
same "X任Y without a verb is an appointment" "$T/verbless.want" "$T/verbless.rows"
same "X为Y and X担任Y without a verb: a warning each, no silence" "$T/verbless.want-err" "$T/verbless.err"

# A list longer than the tool reads (64 persons or posts) says what it
# leaves out.
awk 'BEGIN { printf "title\t某市人民政府关于张三免职的通知\nbody\t决定免去张三的"
	for (i = 1; i <= 66; i++)
		printf "%s第%d局局长", (i > 1 ? "、" : ""), i
	print "职务。" }' | notice long
decisions long
[ "$(wc -l < "$T/long.rows")" = 64 ] && ok "a list of 66 posts: the first 64 give rows" ||
    notok "a list of 66 posts: the first 64 give rows" "$(wc -l < "$T/long.rows")"
cat > "$T/long.want-err" <<'OUT'
extract-appointments: long.seg:2: warning: a list of more than 64, the rest left out: 第65局局长、第66局局长职务
OUT
same "a list of 66 posts: the two left out are named" "$T/long.want-err" "$T/long.err"

# Decisions joined by commas: 其 is the persons of the clause before,
# terms after a comma are the post's, a verb starts a decision of its
# own, 另有任用 says nothing of a post, and any other clause stays with
# the post, so that nothing disappears; one that holds another person's
# 为 warns.  其 with no clause before it (the comma lost with the stop)
# is a warning.
notice commas <<'IN'
title	某市人民政府关于张三等10人任免的通知
body	经市人民政府常务会议研究，决定任命：
body	张三为市水务局局长，主持工作；
body	李四为市商务局局长，试用期一年，正处级；
body	王五、赵六为市人民政府参事，免去其市政府研究室主任职务；
body	钱七任市统计局局长
body	免去其市统计局副局长职务；
body	孙八为市审计局局长，周九为市审计局副局长；
body	吴十为市林业局局长，免去郑一的市林业局局长职务，另有任用；
body	冯二为市草原局局长，试用期一年，另有任用；
IN
decisions commas
cat > "$T/commas.want" <<'OUT'
市人民政府常务会议	张三	appoint	市水务局局长，主持工作		3
市人民政府常务会议	李四	appoint	市商务局局长，试用期一年，正处级		4
市人民政府常务会议	王五	appoint	市人民政府参事		5
市人民政府常务会议	赵六	appoint	市人民政府参事		5
市人民政府常务会议	王五	remove	市政府研究室主任		5
市人民政府常务会议	赵六	remove	市政府研究室主任		5
市人民政府常务会议	钱七	appoint	市统计局局长		6
市人民政府常务会议	孙八	appoint	市审计局局长，周九为市审计局副局长		8
市人民政府常务会议	吴十	appoint	市林业局局长		9
市人民政府常务会议	郑一	remove	市林业局局长		9
市人民政府常务会议	冯二	appoint	市草原局局长	12	10
extract-appointments: commas.seg:6: warning: a decision cut off: 钱七任市统计局局长
extract-appointments: commas.seg:7: warning: no person named before: 免去其市统计局副局长职务
extract-appointments: commas.seg:8: warning: a post that holds a second decision (为): 市审计局局长，周九为市审计局副局长
extract-appointments: commas.seg:1: warning: document 1: the title counts 10 people, the decisions name 9
OUT
decided commas "decisions joined by commas: 其, terms, a verb, 另有任用, and a warning for the rest"

# A stop or a comma lost between two decisions joins the second to a
# post of the first.  Where the persons of the second do not open its
# row, it cannot be cut out, but the post that holds its 为, its verb,
# its 任 or a 职务 before the end warns; so does the head count.
notice joined <<'IN'
title	某市人民政府关于王五等9人任免的通知
body	经市人民政府常务会议研究，决定任命：
body	王五为市水务局局长
body	市农业农村局局长李四为市商务局局长；
body	孙八为市审计局局长，市统计局局长周九为市统计局副局长；
body	沈三为市统计局局长兼任市统计学会会长；
body	冯四任市林业局局长
body	市林业局副局长陈五任市草原局局长；
body	决定免去：
body	赵六的市财政局局长职务钱七的市审计局局长职务；
IN
decisions joined
cat > "$T/joined.want" <<'OUT'
市人民政府常务会议	王五	appoint	市水务局局长市农业农村局局长李四为市商务局局长		3
市人民政府常务会议	孙八	appoint	市审计局局长，市统计局局长周九为市统计局副局长		5
市人民政府常务会议	沈三	appoint	市统计局局长兼任市统计学会会长		6
市人民政府常务会议	冯四	appoint	市林业局局长市林业局副局长陈五任市草原局局长		7
市人民政府常务会议	赵六	remove	市财政局局长职务钱七的市审计局局长		10
extract-appointments: joined.seg:3: warning: a post that holds a second decision (为): 市水务局局长市农业农村局局长李四为市商务局局长
extract-appointments: joined.seg:5: warning: a post that holds a second decision (为): 市审计局局长，市统计局局长周九为市统计局副局长
extract-appointments: joined.seg:6: warning: a post that holds a second decision (兼任): 市统计局局长兼任市统计学会会长
extract-appointments: joined.seg:7: warning: a post that holds a second decision (任): 市林业局局长市林业局副局长陈五任市草原局局长
extract-appointments: joined.seg:10: warning: a post that holds a second decision (职务): 市财政局局长职务钱七的市审计局局长
extract-appointments: joined.seg:1: warning: document 1: the title counts 9 people, the decisions name 5
OUT
decided joined "a decision joined to a post: its rows as written, and a warning each"

# Notes under a list, 以上……, are prose, not decisions; a probation in
# one is that of the appointments above it that have none, and one that
# finds none, or does not read, warns.
notice notes <<'IN'
title	某市人民政府关于张三等2人任免的通知
body	经市人民政府常务会议研究，决定任命：
body	张三为市水务局局长
body	以上同志试用期一年。
body	决定免去：
body	李四的市水务局局长职务。
body	以上同志试用期一年。
body	以上同志试用期满考核合格后正式任职。
body	以上同志试用期十二。
IN
decisions notes
cat > "$T/notes.want" <<'OUT'
市人民政府常务会议	张三	appoint	市水务局局长	12	3
市人民政府常务会议	李四	remove	市水务局局长		6
extract-appointments: notes.seg:3: warning: a decision cut off: 张三为市水务局局长
extract-appointments: notes.seg:7: warning: a probation with no appointment above it: 以上同志试用期一年
extract-appointments: notes.seg:9: warning: a probation that does not read: 以上同志试用期十二
OUT
decided notes "以上 notes: prose, and a probation for the appointments above"
