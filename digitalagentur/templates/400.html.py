BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Ungültige Anfrage') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Ungültige Anfrage') XXXXX
XXX gettext(u'Die Anfrage konnte nicht verarbeitet werden. Bitte prüfen Sie die Adresse oder laden Sie das Formular neu.') XXXX
XXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Zur Startseite') XXXXXXXX
BBBBBBBB
