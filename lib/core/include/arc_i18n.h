/* arc_i18n.h: marking and translating arc's messages (i18n.c).
 *
 * _("...") is a message in the user's language; N_("...") marks a message
 * to be translated where it is used; P_(one, many, n) picks the plural.
 * The diagnostic functions (arc_cli_diag, arc_cli_usage_error,
 * arc_place_error, arc_place_warning, arc_error_set) translate their
 * format themselves: their messages are not wrapped.  po/README says how
 * messages reach the catalogue. */
#ifndef ARC_I18N_H
#define ARC_I18N_H

#define ARC_TEXTDOMAIN "arc"

/* Binds the catalogues (arc_locale_dir) and reads the user's locale for
 * messages; until then every message is as written. */
void arc_i18n_init(void);

/* msgid in the user's language, or msgid itself. */
const char *arc_gettext(const char *msgid)
    __attribute__((format_arg(1)));
/* one or many in the user's language, as n asks. */
const char *arc_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

/* The system's reason for errnum in the user's language, for a message
 * to the user alone: what goes into a record or the archive keeps
 * strerror's, the same for every reader. */
const char *arc_strerror(int errnum);

/* A message kept in English in a record or the archive ("page 2: corrupt
 * TIFF page"), in the user's language: as the catalogue has it, or, when
 * it was made from a format with whole numbers ("page %d: corrupt TIFF
 * page"), that format's translation with the same numbers.  Malloc'd;
 * NULL when out of memory. */
char *arc_stored_text(const char *message);

#define _(msgid) arc_gettext(msgid)
#define N_(msgid) msgid
#define P_(one, many, n) arc_ngettext(one, many, n)

#endif
