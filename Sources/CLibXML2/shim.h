/* Debian builds libxml2 with ICU, so its encoding.h pulls in the system ICU headers,
   which clash with the ICU that Foundation bundles (`UErrorCode` defined twice) in any
   module that sees both. idlint never touches libxml2's ICU converters (only pointers
   to them), so the ICU part of the headers is switched off before they are read. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* libxml2 exposes xmlFree as a global function pointer, which Swift 6 rejects as
   shared mutable state; a static inline wrapper keeps the call concurrency-safe. */
static inline void idlint_xmlFree(void *pointer) { xmlFree(pointer); }
