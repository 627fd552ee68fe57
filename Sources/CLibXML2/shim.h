#ifndef ARCHIVAR_CLIBXML2_SHIM_H
#define ARCHIVAR_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: its headers clash with Foundation's own ICU module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

// xmlFree is a global function-pointer variable, which Swift 6 treats as shared
// mutable state: call it through a function instead.
static inline void archivar_xml_free(void *pointer) { xmlFree(pointer); }
#endif
