#ifndef ARCHIVAR_CSTEMMER_SHIM_H
#define ARCHIVAR_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
