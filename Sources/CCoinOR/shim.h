#ifndef DFLKIT_CCOINOR_SHIM_H
#define DFLKIT_CCOINOR_SHIM_H
#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>
#endif
