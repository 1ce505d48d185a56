#ifndef WHOLESAIL_CLIBPQ_SHIM_H
#define WHOLESAIL_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
