// The operator PIN: its Argon2id hash in the station config, and the gate that rate-limits wrong tries.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk {

// Hashes a PIN of 4 to 12 digits for the config's operator_pin. Refuses other PINs, and PINs that are
// the first a passer-by would try (one digit repeated, or a run such as 1234 or 9876), with a message
// in Vietnamese and English.
Result<std::string> hash_pin(std::string_view pin);

// Whether pin matches a hash made by hash_pin. Takes about a tenth of a second (Argon2id): call it
// off the frame loop.
bool verify_pin(std::string_view stored_hash, std::string_view pin);

// Checks at startup that operator_pin holds a hash that verify_pin can use, and one whose cost would
// not stall a weak machine; the message says how to make a new one.
Status validate_pin_hash(std::string_view stored_hash);

// `kiosk --hash-pin`: reads a PIN line from in (twice, without echo, when in is a terminal), writes
// "operator_pin = $argon2id$..." to out and guidance to err. Returns the process exit status.
int hash_pin_command(std::FILE* in, std::FILE* out, std::FILE* err);

struct PinAttempt {
    enum class Outcome {
        Accepted,  // the operator screen opens
        Wrong,     // tries_left more wrong PINs before a wait; at 0, wait_s is the wait that starts now
        LockedOut, // not checked: wait_s seconds remain of a wait
        NoPinSet,  // the station config has no operator_pin, so the screen cannot open
    };
    Outcome outcome = Outcome::Wrong;
    int tries_left = 0;
    std::int64_t wait_s = 0;
};

// What the operator sees after a try, in Vietnamese then English, saying what to do next.
std::string pin_message(const PinAttempt& attempt);

// Rate-limits PIN tries: three wrong PINs in a row cost a 30 s wait, and each further wrong PIN doubles
// the wait up to 15 minutes; a right PIN starts afresh. Tries during a wait are refused unchecked.
//
// Time is steady seconds (CLOCK_MONOTONIC, e.g. from std::chrono::steady_clock), passed in by the
// caller; the wall clock is never used, because a station without a clock battery boots in 1970 and
// jumps years when it syncs, which would unlock early or lock for decades. The state file records
// the wait still to run, the steady time it was written and the boot id: after a kiosk restart on the
// same boot the steady clock goes on, so the wait ends when it would have; after a reboot the steady
// clock starts again, so the recorded wait is served in full from startup (never more than 15
// minutes more than needed, never less).
class PinGate {
public:
    static constexpr int kFreeTries = 3;
    static constexpr std::int64_t kFirstWaitS = 30;
    static constexpr std::int64_t kLongestWaitS = 15 * 60;

    // stored_hash is the config's operator_pin ("" when unset); state_file keeps wrong tries across
    // restarts (a missing or damaged file starts afresh, which is logged); boot_id names this boot
    // (platform::boot_id(), "" if unknown); now_s is the steady clock.
    PinGate(std::string stored_hash, std::filesystem::path state_file, std::string boot_id,
            std::int64_t now_s);

    PinAttempt attempt(std::string_view pin, std::int64_t now_s);

    // Seconds before a PIN may be tried again (0 when it may), for a countdown on the keypad.
    std::int64_t seconds_to_wait(std::int64_t now_s) const;
    int wrong_in_a_row() const { return m_failures; }

    // The wait that the n-th wrong PIN in a row starts (0 for the free tries).
    static std::int64_t wait_after(int failures);

private:
    void load(std::int64_t now_s);
    void save(std::int64_t now_s) const;

    std::string m_hash;
    std::filesystem::path m_state_file;
    std::string m_boot_id;
    int m_failures = 0;
    std::int64_t m_locked_until = 0; // steady seconds
};

} // namespace kiosk
