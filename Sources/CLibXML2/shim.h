#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* libxml2 exposes xmlFree as a global function pointer, which Swift 6 rejects as
   shared mutable state; a static inline wrapper keeps the call concurrency-safe. */
static inline void idlint_xmlFree(void *pointer) { xmlFree(pointer); }
