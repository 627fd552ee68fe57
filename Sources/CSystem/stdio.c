#include <stdio.h>
#include "CSystem.h"

void archivar_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}
