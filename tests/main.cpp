// Catch2's entry point for the test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
