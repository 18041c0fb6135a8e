BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Seite nicht gefunden') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Seite nicht gefunden') XXXXX
XXX gettext(u'Diese Seite gibt es nicht (mehr), oder sie ist noch nicht veröffentlicht.') XXXX
XXXX
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Zur Startseite') XXXXXXXXX
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBXX gettext(u'Alle Projekte durchsuchen') XXXXXXXXX
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Alle Städte und Gemeinden') XXXXXXXXX
XXXXX
BBBBBBBB
