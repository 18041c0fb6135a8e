BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Keine Berechtigung') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Keine Berechtigung') XXXXX
XXX gettext(u'Für diese Aktion fehlt Ihnen in dieser Region die nötige Rolle. Wenn Sie meinen, dass das ein Fehler ist, wenden Sie sich an die Koordination Ihrer Region.') XXXX
XXXX
  BB BBBBBBBBBBBBBBBBBBBBBXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBXX gettext(u'Zum internen Bereich') XXXXXXXXXBBBBB
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Zur Startseite') XXXXXXXXX
XXXXX
BBBBBBBB
