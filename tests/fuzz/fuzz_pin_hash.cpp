// libFuzzer target: the startup check of the config's operator_pin hash on arbitrary bytes.
#include "operator/pin.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    (void)kiosk::validate_pin_hash(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
