#ifndef DFLKIT_COPENBLAS_SHIM_H
#define DFLKIT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
