# t_tasks.sh: extract-tasks on the fixtures and on bad input.
. "$top/tests/lib.sh"

LV=$FIX/lvliang-2024-02.txt
"$BIN/ocr-clean" "$LV" | "$BIN/segment" -s lvliang-2024-02 > "$T/lv.seg"
run_tool extract-tasks "$T/lv.seg"
expect "extract-tasks on the Lüliang issue, no warnings" 0
[ ! -s "$T/err" ] || notok "extract-tasks on the Lüliang issue printed warnings" "$(head -n 5 "$T/err")"
cp "$T/out" "$T/lv.tasks"

# Tasks checked by hand against the source: each must be a row.
n=0
while IFS= read -r row; do
	n=$((n + 1))
	id=$(printf '%s' "$row" | cut -f2,4 | tr '\t' '.')
	if grep -Fxq -- "$row" "$T/lv.tasks"; then
		ok "hand-checked task $id"
	else
		notok "hand-checked task $id" "want: $(printf '%s' "$row" | cut -f4-13,16 | cut -c1-300)" \
		    "got:  $(awk -F'\t' -v d="$(printf '%s' "$row" | cut -f2)" -v t="$(printf '%s' "$row" | cut -f4)" \
		    '$2 == d && $4 == t' "$T/lv.tasks" | cut -f4-13,16 | cut -c1-300)"
	fi
done < "$FIX/extract-tasks/lvliang-2024-02.tasks"
[ "$n" -ge 30 ] && ok "at least 30 hand-checked tasks ($n)" || notok "at least 30 hand-checked tasks ($n)"

# The three documents with clauses, and nothing else.
cut -f2 "$T/lv.tasks" | tail -n +2 | sort -n | uniq -c | awk '{ printf "%s:%s ", $2, $1 }' > "$T/counts"
[ "$(cat "$T/counts")" = "1:50 3:23 4:46 " ] && ok "tasks of 吕政发〔2024〕1号, 吕政办发〔2024〕8号, 吕政办发〔2024〕9号 only (50, 23, 46)" ||
    notok "tasks of 吕政发〔2024〕1号, 吕政办发〔2024〕8号, 吕政办发〔2024〕9号 only (50, 23, 46)" "$(cat "$T/counts")"
awk -F'\t' 'NR > 1 && ($5 == "" || $7 == "" || $16 == "" || ($9 == "" && $8 == "" && $10 == "" && $11 == ""))' "$T/lv.tasks" > "$T/empty"
[ ! -s "$T/empty" ] && ok "every task has a path, a text, a clause and units" ||
    notok "every task has a path, a text, a clause and units" "$(head -n 3 "$T/empty" | cut -c1-200)"
awk -F'\t' 'NR > 1 { print $3 }' "$T/lv.tasks" | sort -u | tr '\n' ' ' > "$T/nos"
[ "$(cat "$T/nos")" = "吕政办发〔2024〕8号 吕政办发〔2024〕9号 吕政发〔2024〕1号 " ] &&
    ok "every task carries its document's number" || notok "every task carries its document's number" "$(cat "$T/nos")"

# Another city: 牵头单位/配合单位 clauses, （1） items under 1．.
"$BIN/ocr-clean" "$FIX/taiyuan-2023-05.txt" | "$BIN/segment" -s taiyuan-2023-05 | "$BIN/extract-tasks" > "$T/ty.tasks"
same "taiyuan-2023-05: every task as written" "$FIX/extract-tasks/taiyuan-2023-05.expected" "$T/ty.tasks"

# --all: enumerated items without a clause too, units empty.
"$BIN/extract-tasks" --all "$T/lv.seg" > "$T/all.tasks"
awk -F'\t' '$2 == 6 && $5 == "5.3.4.1" && $8 $9 $10 $11 $16 == ""' "$T/all.tasks" | grep -q 市指挥部办公室通知指挥长 &&
    ok "--all emits an item without a clause, units empty" || notok "--all emits an item without a clause, units empty"
[ "$(awk -F'\t' '$16 != ""' "$T/all.tasks" | wc -l)" = "$(wc -l < "$T/lv.tasks")" ] &&
    ok "--all adds items without clauses and loses none with one" ||
    notok "--all adds items without clauses and loses none with one"

# Bad input.
hdr='source	doc	page	line	para	kind	text'
{
	echo "$hdr"
	printf 'x\t1\t1\t1\t1\ttitle\t某市人民政府关于做好工作的通知\n'
	printf 'x\t1\t1\t2\t2\tbody\t一、总体要求\n'
	printf 'x\t1\t1\t3\t3\tbody\t1．建立机制。（市应急局负责\n'
	printf 'x\t1\t1\t4\t4\tbody\t2．完善制度。（负责）\n'
	printf 'x\t1\t1\t5\t5\tbody\t3．加强宣传，6月底前完成。\n'
	printf 'x\t1\t1\t6\t6\tbody\t（责任单位：市委宣传部）\n'
	printf 'x\t1\t1\t7\t7\tbody\t4．年底前完成。（市财政局）\n'
} > "$T/bad.seg"
run_tool extract-tasks "$T/bad.seg"
expect "a clause that never closes: a warning" 0 'bad\.seg:3: warning: a clause that never closes: 市应急局负责'
expect "a clause with no units: a warning" 0 'bad\.seg:4: warning: a clause with no units: 负责'
expect "a deadline without a year in a document without a date: a warning" 0 'bad\.seg:5: warning: deadline 6月底前 has no year'
awk -F'\t' '$5 == "1.1" && $9 == "市应急局"' "$T/out" | grep -q . && ok "the unclosed clause still gives its unit" ||
    notok "the unclosed clause still gives its unit" "$(cat "$T/out")"
awk -F'\t' '$5 == "1.3" && $9 == "市委宣传部" && $7 == "加强宣传，6月底前完成。" && $12 == "" && $13 == "6月底前"' "$T/out" | grep -q . &&
    ok "a clause in a paragraph of its own joins the item before" || notok "a clause in a paragraph of its own joins the item before" "$(cat "$T/out")"
printf 'x\t1\t1\t8\t8\tbody\t5．开展检查，2月底前完成。（市应急局负责）\n' >> "$T/bad.seg"
printf 'x\t1\t1\t9\t9\tdate\t2024年3月1日\n' >> "$T/bad.seg"
"$BIN/extract-tasks" "$T/bad.seg" 2> /dev/null | awk -F'\t' '$5 == "1.4" { print $12 }' > "$T/got"
echo 2024-12-31 > "$T/want"
same "年底前 takes its year from the signing date" "$T/want" "$T/got"
"$BIN/extract-tasks" "$T/bad.seg" 2> /dev/null | awk -F'\t' '$5 == "1.5" { print $12 }' > "$T/got"
echo 2024-02-29 > "$T/want"
same "2月底前 in a document signed in March still takes the signing year" "$T/want" "$T/got"
"$BIN/extract-tasks" --strict "$T/bad.seg" > /dev/null 2>&1
[ $? = 1 ] && ok "--strict: a warning makes status 1" || notok "--strict: a warning makes status 1"

# 20,000 items in one document: linear, bounded.
awk -v h="$hdr" 'BEGIN { print h; print "x\t1\t1\t1\t1\ttitle\t某市人民政府关于做好工作的通知"
	print "x\t1\t1\t2\t2\tbody\t一、总体要求"
	for (i = 1; i <= 20000; i++)
		printf "x\t1\t1\t%d\t%d\tbody\t%d．完成第%d项工作，2024年6月底前。（市应急局牵头，市财政局配合；各县市区政府）\n", i + 2, i + 2, i, i
	print "x\t1\t1\t20003\t20003\tdate\t2024年3月1日" }' > "$T/big.seg"
with_memory_limit 100000 "$BIN/extract-tasks" "$T/big.seg" > "$T/out" 2> "$T/err"
rc=$?
expect "20,000 items in one document: done" 0
[ "$(awk -F'\t' 'NR > 1 && $8 == "市应急局" && $10 == "市财政局" && $11 == "各县市区政府" && $12 == "2024-06-30"' "$T/out" | wc -l)" = 20000 ] &&
    ok "20,000 items in one document: 20,000 tasks with their units and deadline" ||
    notok "20,000 items in one document: 20,000 tasks with their units and deadline"

# A stream from the wrong tool.
# (ocr-clean meets a closed pipe when the tool stops at the header.)
"$BIN/ocr-clean" "$LV" 2> /dev/null | "$BIN/extract-tasks" > /dev/null 2> "$T/err"
grep -q 'missing columns: source, doc, kind' "$T/err" && ok "extract-tasks on ocr-clean's stream names what is missing" ||
    notok "extract-tasks on ocr-clean's stream names what is missing" "$(cat "$T/err")"
"$BIN/ocr-clean" "$LV" | "$BIN/segment" | "$BIN/extract-documents" | "$BIN/extract-tasks" > /dev/null 2> "$T/err"
[ $? = 0 ] || grep -q 'missing columns' "$T/err" && ok "extract-tasks on documents.csv's stream: a clear message" ||
    notok "extract-tasks on documents.csv's stream: a clear message" "$(cat "$T/err")"
