// The operator PIN: real Argon2id hashes, the hash-pin command on a pipe and a terminal, and the gate's
// waits kept in a real state file across restarts and reboots.
#include "base/log.hpp"
#include "operator/pin.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <pty.h>
#include <sys/stat.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;
using namespace test_support;
using Outcome = PinAttempt::Outcome;

namespace {

// A hash made once for the whole file: each costs a tenth of a second.
const std::string& station_hash() {
    static const std::string hash = *hash_pin("482915");
    return hash;
}

// Everything written to a temporary FILE*, read back.
std::string contents(std::FILE* f) {
    std::fflush(f);
    std::rewind(f);
    std::string out;
    char buf[512];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    return out;
}

std::FILE* input(const std::string& text) {
    std::FILE* f = std::tmpfile();
    std::fputs(text.c_str(), f);
    std::rewind(f);
    return f;
}

bool logged(const std::string& text) {
    auto lines = recent_log_lines();
    return std::any_of(lines.begin(), lines.end(),
                       [&](const LogLine& l) { return l.message.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("a PIN hash verifies the PIN and nothing else, in well under a second", "[operator][pin]") {
    const std::string& hash = station_hash();
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$v=19$m=65536,t=2,p=1$"));
    CHECK(*hash_pin("482915") != hash); // a fresh salt each time
    auto start = std::chrono::steady_clock::now();
    CHECK(verify_pin(hash, "482915"));
    auto took = std::chrono::steady_clock::now() - start;
    INFO("verify took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
    CHECK(took < std::chrono::milliseconds(800));
    CHECK_FALSE(verify_pin(hash, "482916"));
    CHECK_FALSE(verify_pin(hash, "4829150"));
    CHECK_FALSE(verify_pin(hash, ""));
    CHECK_FALSE(verify_pin("", "482915"));
    CHECK_FALSE(verify_pin("482915", "482915")); // a PIN written into the config in the clear is no hash
    CHECK(validate_pin_hash(hash).ok());
    // The shortest and longest PINs allowed.
    CHECK(hash_pin("2580").ok());
    CHECK(hash_pin("739164028351").ok());
}

TEST_CASE("PINs that are not 4 to 12 digits or easy to guess are refused", "[operator][pin]") {
    auto pin = GENERATE(as<std::string>{}, "", "123", "1234567890123", "12a4", "12 34", "４８２９", "0000",
                        "1234", "98765", "777777");
    INFO(pin);
    auto hashed = hash_pin(pin);
    REQUIRE_FALSE(hashed.ok());
    CHECK_THAT(hashed.error().message, Catch::Contains("Mã PIN"));
    CHECK_THAT(hashed.error().message, Catch::Contains("PIN"));
    CHECK_THAT(hashed.error().message, Catch::Contains(" / "));
}

TEST_CASE("malformed operator_pin hashes are refused at startup", "[operator][pin]") {
    const std::string& good = station_hash();
    auto salt_at = good.find('$', std::string("$argon2id$v=19$m=65536,t=2,p=1").size()) + 1;
    struct Case {
        std::string hash;
        const char* says;
    };
    auto c = GENERATE_REF(Case{"", "is not a PIN hash"}, Case{"482915", "is not a PIN hash"},
                          Case{"$argon2i$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA", "is not a PIN hash"},
                          Case{"$argon2id$v=19$m=65536,t=2,p=4" + good.substr(salt_at - 1), "lanes"},
                          Case{"$argon2id$v=19$m=4194304,t=2,p=1" + good.substr(salt_at - 1), "too long"},
                          Case{"$argon2id$v=19$m=65536,t=99,p=1" + good.substr(salt_at - 1), "too long"},
                          Case{"$argon2id$v=19$m=65536;t=2,p=1" + good.substr(salt_at - 1), "cost"},
                          Case{good.substr(0, salt_at) + "!!!!" + good.substr(salt_at + 4), "damaged"},
                          Case{good.substr(0, good.size() - 10), "damaged"},
                          Case{good + std::string(200, 'A'), "longer"});
    INFO(c.hash);
    auto checked = validate_pin_hash(c.hash);
    REQUIRE_FALSE(checked.ok());
    CHECK_THAT(checked.error().message, Catch::Contains(c.says));
    CHECK_THAT(checked.error().message, Catch::Contains("kiosk --hash-pin"));
}

TEST_CASE("kiosk --hash-pin prints a config line for a piped PIN", "[operator][pin]") {
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    std::FILE* in = input("739164\r\n");
    CHECK(hash_pin_command(in, out, err) == 0);
    std::string line = contents(out);
    REQUIRE_THAT(line, Catch::StartsWith("operator_pin = $argon2id$"));
    REQUIRE(line.back() == '\n');
    std::string hash = line.substr(std::string("operator_pin = ").size());
    hash.pop_back();
    CHECK(validate_pin_hash(hash).ok());
    CHECK(verify_pin(hash, "739164"));
    CHECK_THAT(contents(err), Catch::Contains("/etc/kiosk/kiosk.conf"));
    std::fclose(in);
    std::fclose(out);
    std::fclose(err);

    for (auto [text, status] :
         {std::pair{"12\n", 1}, std::pair{"1111\n", 1}, std::pair{"", 2},
          std::pair{"1234567890123456789012345678901234567890123456789012345678901234567890"
                    "1234567890123456789012345678901234567890123456789012345678901234567890\n",
                    1}}) {
        INFO(text);
        in = input(text);
        out = std::tmpfile();
        err = std::tmpfile();
        CHECK(hash_pin_command(in, out, err) == status);
        CHECK(contents(out).empty());
        CHECK_THAT(contents(err), Catch::Contains(" / "));
        std::fclose(in);
        std::fclose(out);
        std::fclose(err);
    }
}

TEST_CASE("kiosk --hash-pin on a terminal asks twice without echo", "[operator][pin]") {
    for (auto [second, status] : {std::pair{"739164\n", 0}, std::pair{"739165\n", 1}}) {
        int master = -1, slave = -1;
        REQUIRE(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
        std::FILE* in = ::fdopen(slave, "r");
        std::FILE* out = std::tmpfile();
        std::FILE* err = std::tmpfile();
        // Types the PIN only once echo is off, as a person would after the prompt.
        std::thread typist([&, second = std::string(second)] {
            termios t{};
            for (int i = 0; i < 500; ++i) {
                if (::tcgetattr(slave, &t) == 0 && !(t.c_lflag & ECHO))
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            std::string typed = "739164\n" + second;
            CHECK(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
        });
        int result = hash_pin_command(in, out, err);
        typist.join();
        CHECK(result == status);
        // Nothing came back to the screen, and echo is on again.
        ::fcntl(master, F_SETFL, O_NONBLOCK);
        char echoed[256];
        ssize_t n = ::read(master, echoed, sizeof echoed);
        CHECK(std::string(echoed, n > 0 ? n : 0).find("7391") == std::string::npos);
        termios after{};
        REQUIRE(::tcgetattr(slave, &after) == 0);
        CHECK((after.c_lflag & ECHO));
        std::string said = contents(err);
        CHECK_THAT(said, Catch::Contains("New PIN"));
        CHECK_THAT(said, Catch::Contains("again"));
        if (status == 0)
            CHECK_THAT(contents(out), Catch::StartsWith("operator_pin = $argon2id$"));
        else
            CHECK_THAT(said, Catch::Contains("The two PINs differ"));
        std::fclose(in);
        std::fclose(out);
        std::fclose(err);
        ::close(master);
    }
}

TEST_CASE("three wrong PINs cost a wait that doubles up to 15 minutes", "[operator][pin]") {
    TempDir dir;
    PinGate gate(station_hash(), dir / "pin-state", "boot-a", 1000);
    auto a = gate.attempt("111111", 1000);
    CHECK(a.outcome == Outcome::Wrong);
    CHECK(a.tries_left == 2);
    CHECK(gate.attempt("222222", 1001).tries_left == 1);
    a = gate.attempt("333333", 1002);
    CHECK(a.outcome == Outcome::Wrong);
    CHECK(a.tries_left == 0);
    CHECK(a.wait_s == 30);
    // While waiting, even the right PIN is not checked.
    a = gate.attempt("482915", 1012);
    CHECK(a.outcome == Outcome::LockedOut);
    CHECK(a.wait_s == 20);
    CHECK(gate.seconds_to_wait(1031) == 1);
    CHECK(gate.seconds_to_wait(1032) == 0);
    // Each further wrong PIN doubles the wait, up to 15 minutes.
    std::int64_t now = 1032;
    for (std::int64_t expected : {60, 120, 240, 480, 900, 900}) {
        a = gate.attempt("000001", now);
        CHECK(a.outcome == Outcome::Wrong);
        CHECK(a.wait_s == expected);
        CHECK(gate.attempt("000001", now + expected - 1).outcome == Outcome::LockedOut);
        now += expected;
    }
    CHECK(gate.wrong_in_a_row() == 9);
    // The right PIN starts afresh.
    CHECK(gate.attempt("482915", now).outcome == Outcome::Accepted);
    CHECK(gate.wrong_in_a_row() == 0);
    CHECK(gate.attempt("000001", now + 1).tries_left == 2);
}

TEST_CASE("a restart or a reboot does not end a wait early", "[operator][pin]") {
    TempDir dir;
    fs::path state = dir / "pin-state";
    {
        PinGate gate(station_hash(), state, "boot-a", 5000);
        for (int i = 0; i < 4; ++i)
            (void)gate.attempt("000001", 5000 + i * 100); // the fourth, after the first wait: 60 s
        CHECK(gate.seconds_to_wait(5300) == 60);
    }
    struct stat st {};
    REQUIRE(::stat(state.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // The kiosk restarts 20 s later on the same boot: the steady clock went on, so 40 s remain.
    PinGate restarted(station_hash(), state, "boot-a", 5320);
    CHECK(restarted.wrong_in_a_row() == 4);
    CHECK(restarted.seconds_to_wait(5320) == 40);
    CHECK(restarted.attempt("482915", 5330).outcome == Outcome::LockedOut);

    // After a reboot the steady clock starts near zero: the recorded wait is served in full.
    PinGate rebooted(station_hash(), state, "boot-b", 12);
    CHECK(rebooted.seconds_to_wait(12) == 60);
    CHECK(rebooted.seconds_to_wait(72) == 0);
    // On the same boot id a steady time before the one recorded cannot be: treated as a reboot too.
    PinGate odd(station_hash(), state, "boot-a", 100);
    CHECK(odd.seconds_to_wait(100) == 60);
    // A boot id that could not be read never counts as the same boot.
    PinGate unknown(station_hash(), state, "", 5320);
    CHECK(unknown.seconds_to_wait(5320) == 60);

    // Times far apart (a caller that passed wall-clock time once) never make the wait longer than it is.
    PinGate gate(station_hash(), dir / "other-state", "boot-a", 0);
    for (int i = 0; i < 3; ++i)
        (void)gate.attempt("000001", 1'700'000'000);
    CHECK(gate.seconds_to_wait(50) == 30);
    CHECK(gate.seconds_to_wait(1'700'000'029) == 1);
}

TEST_CASE("a missing or damaged PIN state file starts afresh and says so", "[operator][pin]") {
    TempDir dir;
    fs::path state = dir / "pin-state";
    PinGate fresh(station_hash(), state, "boot-a", 10);
    CHECK(fresh.wrong_in_a_row() == 0);
    CHECK(fresh.seconds_to_wait(10) == 0);
    CHECK_FALSE(fs::exists(state)); // nothing written until a wrong PIN

    for (std::string damaged :
         {"failures 3\nwait_left 30\n", "failures three\nwait_left 30\nsteady 10\nboot b\n",
          "failures 3\nwait_left 99999\nsteady 10\nboot b\n", "\x01\x02garbage", ""}) {
        write_text(state, damaged);
        PinGate gate(station_hash(), state, "boot-a", 10);
        CHECK(gate.wrong_in_a_row() == 0);
        CHECK(gate.seconds_to_wait(10) == 0);
        CHECK(logged("operator PIN state in " + state.string() + " is damaged; starting with no wrong PINs"));
    }
    // A state file that cannot be written is logged, and the gate still counts in memory.
    PinGate unwritable(station_hash(), dir / "no-such-dir" / "pin-state", "boot-a", 10);
    for (int i = 0; i < 3; ++i)
        (void)unwritable.attempt("000001", 10);
    CHECK(unwritable.seconds_to_wait(10) == 30);
    CHECK(logged("cannot record wrong operator PINs"));
}

TEST_CASE("a station without a PIN refuses the operator screen", "[operator][pin]") {
    TempDir dir;
    PinGate gate("", dir / "pin-state", "boot-a", 10);
    auto a = gate.attempt("482915", 10);
    CHECK(a.outcome == Outcome::NoPinSet);
    CHECK_THAT(pin_message(a), Catch::Contains("chưa được đặt mã PIN"));
    CHECK_THAT(pin_message(a), Catch::Contains("no operator PIN"));
}

TEST_CASE("each PIN outcome tells the operator what to do in Vietnamese and English", "[operator][pin]") {
    CHECK(pin_message({Outcome::Accepted, 0, 0}) == "Mã PIN đúng. / PIN accepted.");
    CHECK(pin_message({Outcome::Wrong, 2, 0}) ==
          "Sai mã PIN. Còn 2 lần thử trước khi phải chờ. / Wrong PIN. 2 more tries before a wait.");
    CHECK_THAT(pin_message({Outcome::Wrong, 1, 0}), Catch::EndsWith("1 more try before a wait."));
    auto waiting = pin_message({Outcome::Wrong, 0, 30});
    CHECK_THAT(waiting, Catch::StartsWith("Sai mã PIN. Hãy chờ 30 giây rồi thử lại."));
    CHECK_THAT(waiting, Catch::Contains("Wrong PIN. Wait 30 s, then try again."));
    auto locked = pin_message({Outcome::LockedOut, 0, 860});
    CHECK_THAT(locked, Catch::Contains("Hãy chờ 14 phút 20 giây rồi thử lại"));
    CHECK_THAT(locked, Catch::Contains("Wait 14 min 20 s, then try again"));
    CHECK_THAT(locked, Catch::Contains("If the PIN is forgotten, contact the provincial office"));
}
