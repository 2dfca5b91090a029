#ifndef DFLKIT_CZLIB_SHIM_H
#define DFLKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
