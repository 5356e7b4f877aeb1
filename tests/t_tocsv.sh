# t_tocsv.sh: to-csv writes RFC 4180 that parses back to the same fields.
. "$top/tests/lib.sh"

printf 'id\ttext\tnote\n' > "$T/in.tsv"
printf '1\tplain\t\n' >> "$T/in.tsv"
printf '2\ta, comma\t"quoted"\n' >> "$T/in.tsv"
printf '3\tline\\nbreak\ttab\\there\n' >> "$T/in.tsv"
printf '4\tcr\\r\\nlf\tback\\\\slash\n' >> "$T/in.tsv"
printf '5\t吕梁市人民政府，2024年\t 空格 \n' >> "$T/in.tsv"

run_tool to-csv "$T/in.tsv"
expect "to-csv converts a stream" 0
"$top/tests/unit/csvcheck" < "$T/out" > "$T/back.tsv"
same "to-csv output parses back through libcsv to the same fields" "$T/in.tsv" "$T/back.tsv"
"$BIN/to-csv" --crlf "$T/in.tsv" | "$top/tests/unit/csvcheck" > "$T/back.tsv"
same "--crlf output parses back to the same fields" "$T/in.tsv" "$T/back.tsv"
"$BIN/to-csv" --bom "$T/in.tsv" > "$T/bom.csv"
[ "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok "--bom starts with EF BB BF" ||
    notok "--bom starts with EF BB BF"
"$top/tests/unit/csvcheck" < "$T/bom.csv" > "$T/back.tsv"
same "--bom output parses back to the same fields" "$T/in.tsv" "$T/back.tsv"
"$BIN/to-csv" --to-code GB18030 "$T/in.tsv" | iconv -f GB18030 -t UTF-8 > "$T/gb.csv"
"$BIN/to-csv" "$T/in.tsv" > "$T/utf8.csv"
same "--to-code GB18030 is the same CSV in GB18030" "$T/utf8.csv" "$T/gb.csv"
"$BIN/to-csv" --crlf "$T/in.tsv" | head -n 1 | od -c | grep -q '\\r  \\n' && ok "--crlf ends records with CR LF" ||
    notok "--crlf ends records with CR LF"
printf 'id,text,note\n1,plain,\n' > "$T/want"
"$BIN/to-csv" "$T/in.tsv" | head -n 2 > "$T/got"
same "fields are quoted only when they need it" "$T/want" "$T/got"
# Rows read 32 bytes a step that need quoting, or not, between rows of
# Chinese that do not: the reader's note (csv_plain) and the field checks.
printf 'a\tb\n' > "$T/q.tsv"
printf '吕梁市人民政府关于做好安全生产工作的通知吕梁市人民政府\t1\nx y\t2\np,q\t3\n' >> "$T/q.tsv"
printf 'say "hi"\t4\ncr\rmid\t5\n lead\t6\n' >> "$T/q.tsv"
printf '吕梁市人民政府关于做好安全生产工作的通知，吕梁市人民政府\t7\ntab\\there\t8\n' >> "$T/q.tsv"
printf 'a,b\n吕梁市人民政府关于做好安全生产工作的通知吕梁市人民政府,1\nx y,2\n"p,q",3\n' > "$T/want"
printf '"say ""hi""",4\n"cr\rmid",5\n" lead",6\n' >> "$T/want"
printf '吕梁市人民政府关于做好安全生产工作的通知，吕梁市人民政府,7\ntab\there,8\n' >> "$T/want"
"$BIN/to-csv" "$T/q.tsv" > "$T/got"
same "rows are quoted as their fields need, row by row" "$T/want" "$T/got"
printf 'note,id\n,1\n' > "$T/want"
"$BIN/to-csv" -c note,id "$T/in.tsv" | head -n 2 > "$T/got"
same "-c selects and orders columns" "$T/want" "$T/got"
"$BIN/to-csv" --no-header "$T/in.tsv" | head -n 1 > "$T/got"
printf '1,plain,\n' > "$T/want"
same "--no-header leaves out the header record" "$T/want" "$T/got"
"$BIN/to-csv" "$T/in.tsv" "$T/in.tsv" | grep -c '^id,' > "$T/got"
echo 1 > "$T/want"
same "several streams: one header" "$T/want" "$T/got"

# Errors.
run_tool to-csv -c id,nope,also "$T/in.tsv"
expect "a missing column: status 1, named" 1 'in\.tsv:1: missing columns: nope, also'
printf 'a\tb\n1\t2\t3\n' > "$T/ragged.tsv"
run_tool to-csv "$T/ragged.tsv"
expect "a ragged row: status 1, located" 1 'ragged\.tsv:2: row has 3 fields, header has 2'
printf 'a\tb\n1\t2\\q\n' > "$T/escape.tsv"
run_tool to-csv "$T/escape.tsv"
expect "an invalid escape: status 1, located" 1 'escape\.tsv:2: field 2: invalid escape'
: > "$T/empty.tsv"
run_tool to-csv "$T/empty.tsv"
expect "empty input: status 1" 1 'empty\.tsv: empty input: no header row'
printf 'x\ty\n1\t2\n' > "$T/other.tsv"
run_tool to-csv -c page,line,text "$T/other.tsv"
expect "a stream without the expected header: status 1" 1 'missing columns: page, line, text'
run_tool to-csv --to-code NO-SUCH "$T/in.tsv"
expect "an unknown output encoding: status 2" 2 'cannot encode to NO-SUCH'
run_tool to-csv --to-code ASCII "$T/in.tsv"
expect "a character the output encoding lacks: status 1, located" 1 'in\.tsv:6: U\+5415 cannot be encoded in ASCII'
"$BIN/to-csv" "$T/in.tsv" > /dev/full 2> "$T/err"
rc=$?
expect "a full disk: status 2" 2 'write error'
run_tool to-csv "$T/no-such.tsv"
expect "a missing file: status 2" 2 'no-such\.tsv: cannot open'

# The pipeline so far: ocr-clean into to-csv.
"$BIN/ocr-clean" "$FIX/lvliang-2024-02.txt" | "$BIN/to-csv" > "$T/clean.csv"
"$top/tests/unit/csvcheck" < "$T/clean.csv" > "$T/back.tsv"
"$BIN/ocr-clean" "$FIX/lvliang-2024-02.txt" > "$T/clean.tsv"
same "ocr-clean | to-csv parses back to the clean stream" "$T/clean.tsv" "$T/back.tsv"
run_tool to-csv /
expect "a read error (a directory): status 2" 2 '/:1: read error'
printf 'a\nok\nnot 吕 ok\n' > "$T/enc.tsv"
run_tool to-csv --to-code ASCII "$T/enc.tsv"
printf 'a\nok\n' > "$T/want"
same "a record that cannot be encoded is not written in part" "$T/want" "$T/out"
