// test_main.cpp: doctest's main for arlab_tests (native and WebAssembly under node).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
