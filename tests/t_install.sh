# t_install.sh: make install and uninstall honour PREFIX and DESTDIR.
. "$top/tests/lib.sh"

make -s -C "$top" install SANITIZE="$SANITIZE" DESTDIR="$T/root" PREFIX=/opt/gz > "$T/make.out" 2>&1
for f in bin/ocr-clean bin/segment bin/extract-documents bin/to-csv \
    bin/extract-tasks share/man/man1/extract-tasks.1 \
    bin/extract-appointments share/man/man1/extract-appointments.1 \
    bin/gazette2csv share/man/man1/gazette2csv.1 \
    share/man/man1/ocr-clean.1 share/man/man1/segment.1 share/man/man1/extract-documents.1 \
    share/man/man1/to-csv.1 share/man/man7/gazette.7; do
	[ -f "$T/root/opt/gz/$f" ] && ok "make install puts $f under DESTDIR/PREFIX" ||
	    notok "make install puts $f under DESTDIR/PREFIX" "$(cat "$T/make.out")"
done
"$T/root/opt/gz/bin/gazette2csv" -q -o "$T/ds" "$FIX/taiyuan-2023-05.txt" > "$T/gz.out" 2>&1 &&
    [ "$(wc -l < "$T/ds/documents.csv")" = 4 ] && ok "the installed gazette2csv finds the installed tools" ||
    notok "the installed gazette2csv finds the installed tools" "$(cat "$T/gz.out")"
"$T/root/opt/gz/bin/to-csv" --version | grep -q '^to-csv [0-9]' && ok "the installed to-csv runs" ||
    notok "the installed to-csv runs"
make -s -C "$top" uninstall DESTDIR="$T/root" PREFIX=/opt/gz > "$T/make.out" 2>&1
[ -z "$(find "$T/root" -type f)" ] && ok "make uninstall removes every installed file" ||
    notok "make uninstall removes every installed file" "$(find "$T/root" -type f)"
