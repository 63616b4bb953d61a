// Nothing to compile: the target only carries CFuzzDriver.h, whose function libFuzzer's runtime defines.
#include "CFuzzDriver.h"
