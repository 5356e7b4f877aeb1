# t_ocrclean.sh: ocr-clean on the fixtures, their re-encodings, and bad
# input.
. "$top/tests/lib.sh"

LV=$FIX/lvliang-2024-02.txt
run_tool ocr-clean --dropped "$T/lv.dropped" "$LV"
expect "ocr-clean cleans the Lüliang fixture" 0
cut -f1-3 "$T/out" > "$T/lv.tsv"

# Paragraphs checked by hand against the source text: each must be a row.
n=0 bad=0
while IFS= read -r row; do
	n=$((n + 1))
	if grep -Fxq -- "$row" "$T/lv.tsv"; then
		ok "hand-checked paragraph $(printf '%s' "$row" | cut -f1,2 | tr '\t' ' ')"
	else
		bad=$((bad + 1))
		line=$(printf '%s' "$row" | cut -f2)
		notok "hand-checked paragraph at line $line" "want: $(printf '%s' "$row" | cut -c1-200)" \
		    "got:  $(awk -F'\t' -v n="$line" '$2 == n' "$T/lv.tsv" | cut -c1-200)"
	fi
done < "$FIX/ocr-clean/lvliang-2024-02.paragraphs"
[ "$n" -ge 40 ] && ok "at least 40 hand-checked paragraphs ($n)" || notok "at least 40 hand-checked paragraphs ($n)"

# Pages: printed on pages 1, 19, 29, 35, 53 and counted between; the
# count only steps forward, by one, except where the numbering starts
# again (contents, then page 1 of the body).
awk -F'\t' 'NR > 1 && $1 != "" {
	if (prev != "" && $1 != prev && $1 != prev + 1 && !($1 == 1 && restarts++ < 1)) {
		print "line " $2 ": page " $1 " after page " prev; exit 1
	}
	prev = $1
}' "$T/lv.tsv" > "$T/pages.err"
[ $? -eq 0 ] && ok "pages count forward one at a time" || notok "pages count forward one at a time" "$(cat "$T/pages.err")"
for p in 1 19 29 35 53; do
	lineno=$(grep -n "^— $p —\$" "$LV" | tail -n 1 | cut -d: -f1)
	first=$(awk -F'\t' -v l="$lineno" 'NR > 1 && $2 > l { print $1; exit }' "$T/lv.tsv")
	[ "$first" = "$p" ] && ok "the paragraph after printed page $p is on page $p" ||
	    notok "the paragraph after printed page $p is on page $p" "got page $first"
done

# Nothing lost: kept text and dropped lines account for every line.
check "kept and dropped lines account for every non-blank input line" \
    "$top/tests/unit/account" "$LV" "$T/lv.tsv" "$T/lv.dropped"
grep -q '	romanisation	L VLIANGSHI REN MIN' "$T/lv.dropped" &&
grep -q '	masthead-garbage	吕梁市人民正义府办念’直' "$T/lv.dropped" &&
grep -q '^1990	page-number	— 19 —$' "$T/lv.dropped" &&
grep -q '^1988	running-header	' "$T/lv.dropped" &&
    ok "--dropped names masthead garbage, page numbers and running headers" ||
    notok "--dropped names masthead garbage, page numbers and running headers"

# The same text in other encodings and layouts gives the same pages and
# text.
cut -f1,3 "$T/lv.tsv" > "$T/want"
{ printf '\357\273\277'; cat "$LV"; } > "$T/v-bom.txt"
iconv -f UTF-8 -t GB18030 "$LV" > "$T/v-gb18030.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$LV"; } > "$T/v-utf16le.txt"
sed 's/$/\r/' "$LV" > "$T/v-crlf.txt"
LC_ALL=C.UTF-8 sed 'y/0123456789/０１２３４５６７８９/' "$LV" > "$T/v-fullwidth.txt"
# one blank line fewer in every run: the wrapped lines touch
awk 'NF == 0 { b++; next } { for (i = 1; i < b; i++) print ""; b = 0; print }' "$LV" > "$T/v-noblank.txt"
for v in bom gb18030 utf16le crlf fullwidth noblank; do
	"$BIN/ocr-clean" "$T/v-$v.txt" 2> "$T/v.err" | cut -f1,3 > "$T/got"
	same "the fixture as $v gives the same text and pages" "$T/want" "$T/got"
done
[ "$(grep -c . "$T/v-fullwidth.txt")" -gt 3000 ] && ! grep -q '[0-9]' "$T/v-fullwidth.txt" &&
    ok "the full-width variant has no ASCII digit left" || notok "the full-width variant has no ASCII digit left"

# A hand-written issue of another city in another shape: form feeds,
# footers, a 28-character column, indented paragraphs; and the same
# issue one paragraph a line.
for f in taiyuan-2023-05 taiyuan-2023-05-oneline; do
	"$BIN/ocr-clean" "$FIX/$f.txt" | cut -f1,3 > "$T/got"
	same "$f: every paragraph and page as written" "$FIX/ocr-clean/$f.expected" "$T/got"
done

# -p gives the same paragraphs, with FF and the page where a page starts.
run_tool ocr-clean -p "$LV"
ff=$(printf '\f')
grep -v "^$ff" "$T/out" > "$T/plain.text"
cut -f3 "$T/lv.tsv" | tail -n +2 > "$T/tsv.text"
same "-p writes the same paragraphs as the stream" "$T/tsv.text" "$T/plain.text"
[ "$(grep -c "^${ff}19\$" "$T/out")" = 1 ] && ok "-p marks page 19 with a form feed line" ||
    notok "-p marks page 19 with a form feed line"

# Bad input: a defined status and a clear message, never a crash.
: > "$T/empty.txt"
run_tool ocr-clean "$T/empty.txt"
expect "empty input: a warning, status 0" 0 'empty\.txt: warning: empty input'
printf '第一段文字，\377坏字节。\n' > "$T/bad.txt"
run_tool ocr-clean "$T/bad.txt"
expect "invalid UTF-8: a warning with the byte offset" 0 'bad\.txt:1: warning: invalid UTF-8 sequence \(ff\) at byte offset 18 replaced by U\+FFFD'
grep -q '坏字节' "$T/out" && ok "invalid UTF-8: the rest of the line is kept" || notok "invalid UTF-8: the rest of the line is kept"
run_tool ocr-clean --strict "$T/bad.txt"
expect "invalid UTF-8 under --strict: status 1" 1 'bad\.txt:1: invalid UTF-8 sequence'
# The lines before the bad byte are lines, as in UTF-8 (found by the
# conv fuzz target: they came out as one paragraph, or none).
printf '第一段。\n第二段。\n第三段。\n' | iconv -f UTF-8 -t GB18030 > "$T/badgb.txt"
printf '\376\n' >> "$T/badgb.txt"
run_tool ocr-clean -f GB18030 --strict "$T/badgb.txt"
expect "invalid GB18030 under --strict: status 1" 1 'badgb\.txt:4: invalid GB18030 sequence \(fe\)'
printf 'page\tline\ttext\theader\n\t1\t第一段。\t\n\t2\t第二段。\t\n\t3\t第三段。\t\n' > "$T/want"
same "invalid GB18030 under --strict: the lines before it, each a paragraph" "$T/want" "$T/out"
# A backslash in a later line of a paragraph (each line notes its own)
# still makes the row escape it.
printf '第一段文字，其中说明了\n有关事项的内容a\\b都在这里。\n第二段C:\\x。\n' > "$T/bslash.txt"
run_tool ocr-clean "$T/bslash.txt"
expect "backslashes in the text" 0
printf 'page\tline\ttext\theader\n\t1\t第一段文字，其中说明了有关事项的内容a\\\\b都在这里。第二段C:\\\\x。\t\n' > "$T/want"
same "backslashes after the first line of a paragraph: escaped" "$T/want" "$T/out"
printf '\302\300\301\272\201' > "$T/trunc.txt"
run_tool ocr-clean "$T/trunc.txt"
expect "truncated GB18030: a warning" 0 'truncated GB18030 sequence \(81\) at byte offset 4'
printf '有\000空字节的行。\n' > "$T/nul.txt"
printf '有\000\000\000\000\000\000\000\000\000\000\000\000空字节的行。\n' > "$T/nuls.txt"
run_tool ocr-clean --dropped "$T/nul.dropped" "$T/nul.txt"
expect "a NUL byte: removed, the line kept" 0
grep -q '有空字节的行' "$T/out" && grep -q 'control-characters' "$T/nul.dropped" &&
    ok "a NUL byte: listed in --dropped as a rewrite" || notok "a NUL byte: listed in --dropped as a rewrite"
run_tool ocr-clean "$T/nuls.txt"
expect "many NUL bytes: binary input, status 1" 1 'nuls\.txt: binary input: NUL byte at offset 3'
awk 'BEGIN { srand(7); for (i = 0; i < 1000000; i++) printf "%c", int(rand() * 256) }' > "$T/noise.bin"
run_tool ocr-clean "$T/noise.bin"
expect "binary noise: status 1" 1 'noise\.bin: binary input'
awk 'BEGIN { s = "行"; while (length(s) < 9999999) s = s s; print substr(s, 1, 9999999) }' > "$T/long.txt"
with_memory_limit 200000 "$BIN/ocr-clean" "$T/long.txt" > "$T/out" 2> "$T/err"
rc=$?
expect "a 10 MB line: split with a warning, within 200 MB" 0 'long\.txt:1: warning: line longer than 65536 bytes; split'
[ "$(tail -n +2 "$T/out" | cut -f3 | tr -d '\n' | wc -c)" = 9999999 ] &&
    ok "a 10 MB line: every byte comes out" || notok "a 10 MB line: every byte comes out"
run_tool ocr-clean "$T/no-such-file.txt"
expect "a missing file: status 2" 2 'no-such-file\.txt: cannot open'
run_tool ocr-clean -f NO-SUCH-ENCODING "$LV"
expect "an unknown encoding: status 2" 2 'cannot decode from NO-SUCH-ENCODING'
run_tool ocr-clean --no-such-option
expect "an unknown option: status 2 and the usage" 2 '^usage: ocr-clean'
"$BIN/ocr-clean" "$LV" > /dev/full 2> "$T/err"
rc=$?
expect "a full disk: status 2" 2 'write error'
"$BIN/ocr-clean" "$LV" 2> "$T/err" | head -n 1 > /dev/null
[ ! -s "$T/err" ] || grep -q 'write error' "$T/err" && ok "a closed pipe: no crash" || notok "a closed pipe: no crash" "$(cat "$T/err")"

# Memory stays bounded: 100 copies run in the memory of one.
i=0
while [ $i -lt 100 ]; do cat "$LV"; i=$((i + 1)); done > "$T/lv100.txt"
with_memory_limit 40000 "$BIN/ocr-clean" "$T/lv100.txt" > "$T/out" 2> "$T/err"
rc=$?
expect "100 copies of the fixture run under ulimit -v 40 MB" 0
[ "$(wc -l < "$T/out")" -gt 70000 ] && ok "100 copies give 100 times the paragraphs" ||
    notok "100 copies give 100 times the paragraphs" "$(wc -l < "$T/out") rows"

# A warning names the line that holds the bad byte, though the decoder
# reads ahead.
awk 'NR == 3000 { print $0 "\377"; next } { print }' "$LV" > "$T/bad3000.txt"
run_tool ocr-clean "$T/bad3000.txt"
expect "an invalid byte on line 3000 is reported on line 3000" 0 'bad3000\.txt:3000: warning: invalid UTF-8'
printf '第一页，\n在这一页结束。\n\f\n第二页。\n' > "$T/ff.txt"
run_tool ocr-clean --dropped "$T/ff.dropped" "$T/ff.txt"
grep -q '^3	form-feed	' "$T/ff.dropped" && ok "a line holding only a form feed is listed in --dropped" ||
    notok "a line holding only a form feed is listed in --dropped" "$(cat "$T/ff.dropped")"
run_tool ocr-clean /
expect "a read error (a directory): status 2" 2 '/:1: read error'

# --report: a row of counts for each file, for pipelines/gazette2csv.
"$BIN/ocr-clean" --report "$T/report.tsv" "$LV" "$T/nuls.txt" > /dev/null 2>&1
printf 'source\tencoding\tlines\tparagraphs\tpages\tdropped\tinvalid\tstatus\n' > "$T/want"
printf '%s\tUTF-8\t6401\t%s\t62\t17\t0\t0\n' "$LV" "$(($(wc -l < "$T/lv.tsv") - 1))" >> "$T/want"
printf '%s\t-\t0\t0\t\t0\t0\t1\n' "$T/nuls.txt" >> "$T/want"
same "--report: encoding, lines, paragraphs, pages, dropped, invalid, status per file" "$T/want" "$T/report.tsv"

# A run of two million invalid bytes in a UTF-8 file: every one becomes
# U+FFFD, counted in the summary, in linear time (the decoder rescanned
# the line for each byte: 42 s, now a fraction of a second).
awk 'BEGIN { s = "加强组织领导，压实各方责任。"; while (length(s) < 70000) s = s s; print s
	b = "\200"; while (length(b) < 2097152) b = b b; print b }' > "$T/run.txt"
if command -v timeout > /dev/null 2>&1; then tmo="timeout 20"; else tmo=; fi
$tmo "$BIN/ocr-clean" --dropped "$T/run.dropped" "$T/run.txt" > "$T/out" 2> "$T/err"
rc=$?
expect "two million invalid bytes in a line: status 0, within 20 s" 0 \
    'run\.txt: warning: 2097152 invalid UTF-8 sequences in all, the first at byte offset'
# A line of nothing but U+FFFD is one of symbols: dropped, and listed.
[ "$(awk -F'\t' '$1 == 2 && $2 == "symbols"' "$T/run.dropped" | cut -f3 | tr -d '\n' | wc -c)" = $((2097152 * 3)) ] &&
    ok "... each of them a U+FFFD, listed in --dropped" || notok "... each of them a U+FFFD, listed in --dropped"
$tmo "$BIN/ocr-clean" -f BIG5 "$T/run.txt" > /dev/null 2> "$T/err"
rc=$?
expect "two megabytes of bytes invalid in the -f encoding: within 20 s" 0 'invalid BIG5 sequences in all'

# A NUL in a dropped line: the --dropped stream stays a stream (its
# readers refuse a NUL byte), with U+2400 in the NUL's place.
run_tool ocr-clean --dropped "$T/nul.dropped" "$T/nul.txt"
"$BIN/to-csv" "$T/nul.dropped" > "$T/nul.csv" 2> "$T/err"
rc=$?
expect "--dropped with a NUL byte is a stream to-csv reads" 0
grep -q '^1,control-characters,有␀空字节的行。$' "$T/nul.csv" && ok "... with U+2400 in place of the NUL" ||
    notok "... with U+2400 in place of the NUL" "$(cat "$T/nul.csv")"

# --report escapes what it writes: an -f argument with a TAB in it.
"$BIN/ocr-clean" -f "$(printf 'UTF-8\tX')" --report "$T/report.tsv" "$T/empty.txt" > /dev/null 2>&1
"$BIN/to-csv" "$T/report.tsv" > /dev/null 2> "$T/err"
rc=$?
expect "--report with a TAB in the encoding is a stream to-csv reads" 0

# The addressees after a document number end with a colon, and the next
# line starts a paragraph, also when 600 dropped lines stand between
# them: the joining rule read the colon from the queue entry of the
# addressee line, which those lines had taken again (a use after free
# under SANITIZE=1).
awk 'BEGIN { print "某政发〔2024〕1号"; print "各县（市、区）人民政府，市人民政府各委、办、局："
	s = "@"; while (length(s) < 200) s = s "@"
	for (i = 0; i < 600; i++) { print s; s = s "@" }
	print "现将有关事项通知如下。" }' > "$T/addressee.txt"
run_tool ocr-clean "$T/addressee.txt"
expect "an addressee line 600 dropped lines before the next line" 0
[ "$(cut -f2 "$T/out" | tr '\n' ' ')" = "line 1 2 603 " ] && ok "... still ends its paragraph" ||
    notok "... still ends its paragraph" "$(cut -f2,3 "$T/out")"

# A page number inside a paragraph writes the paragraphs before it (the
# page is known) while the paragraph waits in the same arena, behind
# them: it must come out whole, after them.
printf '— 1 —\n第一段只有一行。\n第二段的第一行在这一页结束，\n— 2 —\n在下一页接着写完。\n' > "$T/span.txt"
run_tool ocr-clean "$T/span.txt"
expect "a paragraph over a page number" 0
printf 'page\tline\ttext\theader\n1\t2\t第一段只有一行。\t\n1\t3\t第二段的第一行在这一页结束，在下一页接着写完。\t\n' > "$T/want"
same "... is written whole, after the paragraph before it" "$T/want" "$T/out"
