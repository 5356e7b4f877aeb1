# t_segment.sh: segment and extract-documents on the fixtures, their
# variants, and surprising input.
. "$top/tests/lib.sh"

# documents.csv of an issue: ocr-clean | segment | extract-documents | to-csv
docs() {
	name=$1
	shift
	"$BIN/ocr-clean" "$@" 2> "$T/clean.err" | "$BIN/segment" -s "$name" 2> "$T/seg.err" |
	    "$BIN/extract-documents" 2> "$T/ext.err" | "$BIN/to-csv"
}

LV=$FIX/lvliang-2024-02.txt
TY=$FIX/taiyuan-2023-05.txt

# The Lüliang issue: every cell of documents.csv checked by hand.
docs lvliang-2024-02 "$LV" > "$T/lv.csv"
same "lvliang-2024-02: documents.csv as checked by hand" "$FIX/extract-documents/lvliang-2024-02.csv" "$T/lv.csv"
[ ! -s "$T/seg.err" ] && [ ! -s "$T/ext.err" ] && ok "lvliang-2024-02: no warnings (contents and documents match)" ||
    notok "lvliang-2024-02: no warnings (contents and documents match)" "$(cat "$T/seg.err" "$T/ext.err")"
[ "$(tail -n +2 "$T/lv.csv" | wc -l)" = 13 ] && ok "lvliang-2024-02: the 13 documents of the contents" ||
    notok "lvliang-2024-02: the 13 documents of the contents"

# Another city, another shape, written by hand.
"$BIN/ocr-clean" "$TY" | "$BIN/segment" -s taiyuan-2023-05 > "$T/ty.tsv"
same "taiyuan-2023-05: every paragraph's document and kind" "$FIX/segment/taiyuan-2023-05.expected" "$T/ty.tsv"
docs taiyuan-2023-05 "$TY" > "$T/ty.csv"
same "taiyuan-2023-05: documents.csv as written" "$FIX/extract-documents/taiyuan-2023-05.csv" "$T/ty.csv"

# Look-alike brackets in the numbers: the same documents.
sed 's/并政发〔2023〕12号/并政发[2023]12号/; s/并政办发〔2023〕7号/并政办发【2023】7号/; s/并政任〔2023〕9号/并政任(2023)9号/' "$TY" > "$T/brackets.txt"
grep -q '并政发\[2023\]12号' "$T/brackets.txt" && grep -q '并政任(2023)9号' "$T/brackets.txt" &&
    ok "the bracket variant has [2024], 【2024】 and (2024)" || notok "the bracket variant has [2024], 【2024】 and (2024)"
docs taiyuan-2023-05 "$T/brackets.txt" > "$T/got.csv"
same "[2024], 【2024】, (2024) in numbers: the same documents" "$FIX/extract-documents/taiyuan-2023-05.csv" "$T/got.csv"
# Straight into segment, without ocr-clean's repair.
"$BIN/ocr-clean" "$TY" | sed 's/并政发〔2023〕12号/并政发[2023]12号/g; s/并政任〔2023〕9号/并政任（2023）9号/g' |
    "$BIN/segment" -s taiyuan-2023-05 2> /dev/null | "$BIN/extract-documents" | "$BIN/to-csv" > "$T/got.csv"
same "unrepaired look-alike brackets reach segment: the same documents" "$FIX/extract-documents/taiyuan-2023-05.csv" "$T/got.csv"

# No contents page: the cover and contents cut off.
awk 'BEGIN { RS = "\f" } NR > 1 { printf "%s%s", (NR > 2 ? "\f" : ""), $0 }' "$TY" > "$T/nocontents.txt"
docs taiyuan-2023-05 "$T/nocontents.txt" > "$T/got.csv"
cut -d, -f5 "$T/got.csv" | tr '\n' ' ' > "$T/docs"
[ "$(cat "$T/docs")" = "doc 1 2 3 " ] && ok "no contents: the three documents are found" ||
    notok "no contents: the three documents are found" "$(cat "$T/docs")"
cut -d, -f1-5,7-15 "$T/got.csv" > "$T/a"
cut -d, -f1-5,7-15 "$FIX/extract-documents/taiyuan-2023-05.csv" > "$T/b"
same "no contents: the same documents but for their sections" "$T/b" "$T/a"

# Documents in another order than the contents: the 人事任免 section and
# its entry first.
awk 'NR >= 5 && NR <= 10 { held = held $0 "\n"; next }
     NR == 13 { print; printf "%s", held; next } { print }' "$TY" > "$T/order.txt"
sed -n 5,6p "$T/order.txt" | grep -q '^　　　　人事任免' && ok "the reordered contents list 人事任免 first" ||
    notok "the reordered contents list 人事任免 first" "$(sed -n 1,12p "$T/order.txt")"
docs taiyuan-2023-05 "$T/order.txt" > "$T/got.csv"
same "documents in another order than the contents: matched by number" "$FIX/extract-documents/taiyuan-2023-05.csv" "$T/got.csv"

# A contents entry without a document, and a document without an entry.
awk 'BEGIN { RS = "\f" } NR < 4 { printf "%s%s", (NR > 1 ? "\f" : ""), $0 }' "$TY" > "$T/cut.txt"
docs taiyuan-2023-05 "$T/cut.txt" > /dev/null
grep -q 'warning: contents entry 并政办发〔2023〕7号 not found in the issue' "$T/seg.err" &&
    ok "a contents entry without its document is a warning" ||
    notok "a contents entry without its document is a warning" "$(cat "$T/seg.err")"
sed '/老旧小区改造三年行动方案（2023—2025年）的通知（并政办发/d; /^案（2023—2025年）的通知（并政办发/d' "$TY" > "$T/notoc.txt"
docs taiyuan-2023-05 "$T/notoc.txt" > /dev/null
grep -q 'warning: document 2 (并政办发〔2023〕7号) is not in the contents' "$T/seg.err" &&
    ok "a document missing from the contents is a warning" ||
    notok "a document missing from the contents is a warning" "$(cat "$T/seg.err")"
"$BIN/ocr-clean" "$T/notoc.txt" | "$BIN/segment" --strict > /dev/null 2>&1
[ $? = 1 ] && ok "segment --strict: a warning makes status 1" || notok "segment --strict: a warning makes status 1"

# Two issues in one input.
cat "$TY" "$TY" > "$T/twice.txt"
docs taiyuan-2023-05 "$T/twice.txt" > "$T/got.csv"
grep -q 'warning: a second issue starts here' "$T/seg.err" && ok "two issues in one input: a warning" ||
    notok "two issues in one input: a warning" "$(cat "$T/seg.err")"
{ cat "$FIX/extract-documents/taiyuan-2023-05.csv"; tail -n +2 "$FIX/extract-documents/taiyuan-2023-05.csv"; } |
    cut -d, -f1-21 > "$T/want.csv"
cut -d, -f1-21 "$T/got.csv" > "$T/got21.csv"
same "two issues in one input: each issue's documents, numbered from 1" "$T/want.csv" "$T/got21.csv"

# Number checks: a year that does not match the signing date, a serial
# used twice.
sed 's/并政任〔2023〕9号/并政任〔2021〕12号/; s/（并政任〔2023〕9号）/（并政任〔2021〕12号）/' "$TY" > "$T/checks.txt"
sed -i 's/并政发〔2023〕12号/并政任〔2021〕12号/' "$T/checks.txt"
docs taiyuan-2023-05 "$T/checks.txt" > /dev/null
grep -q 'is numbered in 2021 but signed in 2023' "$T/ext.err" && ok "a number's year against the signing date warns" ||
    notok "a number's year against the signing date warns" "$(cat "$T/ext.err")"
grep -q 'document 3: 并政任〔2021〕12号 is also the number of document 1' "$T/ext.err" &&
    ok "a serial used twice in one prefix and year warns" || notok "a serial used twice in one prefix and year warns" "$(cat "$T/ext.err")"
"$BIN/ocr-clean" "$T/checks.txt" | "$BIN/segment" | "$BIN/extract-documents" --strict > /dev/null 2>&1
[ $? = 1 ] && ok "extract-documents --strict: a warning makes status 1" ||
    notok "extract-documents --strict: a warning makes status 1"

# Wrong input for each tool.
printf 'a\tb\n1\t2\n' > "$T/wrong.tsv"
run_tool segment "$T/wrong.tsv"
expect "segment: a stream without page, line and text: status 1" 1 'missing columns: page, line, text'
run_tool extract-documents "$T/wrong.tsv"
expect "extract-documents: a stream without its columns: status 1" 1 'missing columns: source, doc, page, line, kind, text'
# (ocr-clean meets a closed pipe when the tool stops at the header.)
"$BIN/ocr-clean" "$LV" 2> /dev/null | "$BIN/extract-documents" > /dev/null 2> "$T/err"
grep -q 'missing columns: source, doc, kind' "$T/err" && ok "extract-documents on ocr-clean's stream names what is missing" ||
    notok "extract-documents on ocr-clean's stream names what is missing" "$(cat "$T/err")"
: > "$T/empty"
run_tool segment "$T/empty"
expect "segment: empty input: status 1" 1 'empty input'

# Memory does not grow with the number of documents.
i=0
while [ $i -lt 50 ]; do cat "$LV"; i=$((i + 1)); done > "$T/lv50.txt"
"$BIN/ocr-clean" "$T/lv50.txt" > "$T/lv50.tsv"
with_memory_limit 40000 "$BIN/segment" "$T/lv50.tsv" > "$T/lv50.seg" 2> "$T/err"
rc=$?
expect "segment: 50 issues, 650 documents, under ulimit -v 40 MB" 0
[ "$(awk -F'\t' '$6 == "title"' "$T/lv50.seg" | wc -l)" = 650 ] && ok "segment: 50 issues give 650 titles" ||
    notok "segment: 50 issues give 650 titles" "$(awk -F'\t' '$6 == "title"' "$T/lv50.seg" | wc -l)"

# A page too big for an int, in a hand-made stream: unknown, as an
# empty one is, not overflowed into a negative one nor made up.
printf 'page\tline\ttext\n99999999999\t1\t某市人民政府公报\n' > "$T/bigpage.tsv"
run_tool segment "$T/bigpage.tsv"
expect "segment: a page of eleven digits: status 0" 0
[ "$(tail -n 1 "$T/out" | cut -f3)" = "" ] && ok "segment: a page of eleven digits is unknown" ||
    notok "segment: a page of eleven digits is unknown" "$(cat "$T/out")"

# A contents of more than 500 entries: the rest are not matched (each
# document was compared with every entry: minutes for 100,000), and a
# warning says so, once.
awk 'BEGIN {
	print "目录"
	for (i = 1; i <= 600; i++) printf "某市人民政府关于第%d项工作的通知（某政发〔2024〕%d号）……%d\n", i, i, i
	print "某市人民政府关于第1项工作的通知"; print "某政发〔2024〕1号"; print "2024年3月1日"
	print "某市人民政府关于第550项工作的通知"; print "某政发〔2024〕550号"; print "2024年3月1日"
}' | "$BIN/ocr-clean" > "$T/toc.tsv"
run_tool segment "$T/toc.tsv"
expect "segment: 600 contents entries: a warning at the 501st" 0 \
    'toc\.tsv:502: warning: contents of more than 500 entries; this one and those after it are not matched'
[ "$(grep -c 'contents of more than' "$T/err")" = 1 ] && ok "segment: ... said once" ||
    notok "segment: ... said once" "$(grep 'contents of more' "$T/err")"
grep -q 'document 2 (某政发〔2024〕550号) is not in the contents' "$T/err" &&
    ! grep -q 'document 1 ' "$T/err" && ok "segment: an entry within the 500 is matched, one past them is not" ||
    notok "segment: an entry within the 500 is matched, one past them is not" "$(grep document "$T/err")"

# A number used by many documents: one warning each, naming the first,
# not one for every earlier document (a storm of millions over 100,000
# documents).
for i in 1 2 3; do
	printf 'x\t%d\t1\t%d\t1\ttitle\t某市人民政府关于做好工作的通知\nx\t%d\t1\t%d\t2\tdocno\t某政发〔2024〕7号\n' $i $((i * 10)) $i $((i * 10 + 1))
done | { printf 'source\tdoc\tpage\tline\tpara\tkind\ttext\n'; cat; } > "$T/same.seg"
run_tool extract-documents "$T/same.seg"
printf '%s\n' "extract-documents: $T/same.seg:20: warning: document 2: 某政发〔2024〕7号 is also the number of document 1" \
    "extract-documents: $T/same.seg:30: warning: document 3: 某政发〔2024〕7号 is also the number of document 1" > "$T/want"
same "extract-documents: a number used thrice: one warning for each later document" "$T/want" "$T/err"

# Page and line fields as a hand-made stream may write them: the page is
# its leading digits ("6 " is 6), the line as atol reads it ("007" is 7),
# and a number written as it came or formatted again gives one text.
printf 'page\tline\ttext\n6 \t007\t某市人民政府公报\n12\t123456789\t2024年第2期\n1\t0\t目录\n01\t16\t第一页\n' |
    "$BIN/segment" -s n > "$T/got.tsv"
printf 'source\tdoc\tpage\tline\tpara\tkind\ttext\tsection\theader\n%s\n%s\n%s\n%s\n' \
    'n	0	6	7	1	masthead	某市人民政府公报		' 'n	0	12	123456789	2	masthead	2024年第2期		' \
    'n	0	1	0	3	masthead	目录		' 'n	0	1	16	4	section	第一页		' > "$T/want.tsv"
same "page and line fields with spaces, leading zeros and nine digits" "$T/want.tsv" "$T/got.tsv"

# Paragraph numbers past 9, 99 and 999 in one document (counted up in
# their digits), and page numbers as they change row by row.
{
	printf 'page\tline\ttext\n1\t1\t某市人民政府关于做好工作的通知\n1\t2\t某政发〔2024〕7号\n'
	i=1
	while [ $i -le 1100 ]; do
		printf '%d\t%d\t第%d段正文内容。\n' $((i / 100 + 1)) $((i + 2)) $i
		i=$((i + 1))
	done
} | "$BIN/segment" -s n > "$T/got.tsv"
awk -F'\t' 'NR > 1 && ($5 != NR - 1 || $4 != NR - 1 || $3 != ($4 < 3 ? 1 : int(($4 - 2) / 100) + 1)) { bad++ }
    END { exit !(NR == 1103 && bad == 0) }' "$T/got.tsv" &&
    ok "segment: paragraph numbers to 1102 and pages as they change" ||
    notok "segment: paragraph numbers to 1102 and pages as they change" "$(sed -n '1000,1003p' "$T/got.tsv")"
