// Operator PIN hashing (libsodium's Argon2id), the hash-pin command and the wrong-PIN gate.
#include "operator/pin.hpp"

#include "base/log.hpp"
#include "crypto/sodium_init.hpp"
#include "operator/wording.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <termios.h>
#include <unistd.h>

namespace kiosk {

namespace {

// Argon2id at libsodium's "interactive" cost: 2 passes over 64 MiB. Verifying took 0.15 s on the
// development machine (2 shared cores, under load); a weak station CPU (Celeron, Raspberry Pi 4) is
// three to five times slower, still well under a second. The "moderate" cost (3 passes, 256 MiB)
// took 1.1 s here and would take seconds on a station and a quarter of a small machine's memory.
// The cost cannot make a 4-digit PIN safe against someone who has read the config: the file's
// permissions and the gate's waits do that; the hash keeps longer PINs from being read off the file.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// Hashes that would cost a station more than this are refused at startup (4x the memory we use).
constexpr unsigned long long kMaxOpsLimit = 8;
constexpr unsigned long long kMaxMemKiB = 256 * 1024;

constexpr std::size_t kMinDigits = 4, kMaxDigits = 12;

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One digit repeated (0000), or a run up or down by one (1234, 98765).
bool guessable(std::string_view pin) {
    bool same = true, up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        same = same && pin[i] == pin[i - 1];
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    return same || up || down;
}

Status check_new_pin(std::string_view pin) {
    if (pin.size() < kMinDigits || pin.size() > kMaxDigits || !all_digits(pin))
        return make_error(ErrorCode::Invalid,
                          "Mã PIN phải gồm từ 4 đến 12 chữ số (0-9), không có ký tự khác. / "
                          "The PIN must be 4 to 12 digits (0-9) and nothing else.");
    if (guessable(pin))
        return make_error(
            ErrorCode::Invalid,
            "Mã PIN này quá dễ đoán (một chữ số lặp lại hoặc dãy liên tiếp). Hãy chọn mã khác. / "
            "This PIN is too easy to guess (one digit repeated, or a run like 1234). Choose another.");
    return {};
}

const char kRemakeHint[] =
    "; run 'kiosk --hash-pin' on the station and put the line it prints into the config";

// Reads one line without its line ending; false at end of input or when the line is too long.
bool read_line(std::FILE* in, std::string& line) {
    char buf[128];
    if (!std::fgets(buf, sizeof buf, in))
        return false;
    line = buf;
    bool complete = !line.empty() && line.back() == '\n';
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (!complete && !std::feof(in)) { // longer than any PIN: swallow the rest of the line
        int c;
        while ((c = std::fgetc(in)) != EOF && c != '\n') {
        }
        line.assign(kMaxDigits + 1, 'x');
    }
    return true;
}

// Turns terminal echo off while it lives, so the PIN is not shown while it is typed.
class NoEcho {
public:
    explicit NoEcho(int fd) : m_fd(fd) {
        if (::tcgetattr(fd, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = ::tcsetattr(fd, TCSANOW, &quiet) == 0;
        }
    }
    ~NoEcho() {
        if (m_active)
            ::tcsetattr(m_fd, TCSANOW, &m_saved);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

} // namespace

Result<std::string> hash_pin(std::string_view pin) {
    TRY(check_new_pin(pin));
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), kOpsLimit, kMemLimit) != 0)
        return make_error(ErrorCode::Io,
                          "Không đủ bộ nhớ để tạo mã băm PIN. / Not enough memory to hash the PIN "
                          "(Argon2id needs 64 MiB).");
    return std::string(out);
}

bool verify_pin(std::string_view stored_hash, std::string_view pin) {
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES || pin.empty() || pin.size() > 64)
        return false;
    ensure_sodium();
    char hash[crypto_pwhash_STRBYTES] = {};
    std::memcpy(hash, stored_hash.data(), stored_hash.size());
    return crypto_pwhash_str_verify(hash, pin.data(), pin.size()) == 0;
}

Status validate_pin_hash(std::string_view stored_hash) {
    auto bad = [](const std::string& what) {
        return make_error(ErrorCode::Invalid, "operator_pin " + what + kRemakeHint);
    };
    constexpr std::string_view prefix = "$argon2id$v=19$m=";
    if (stored_hash.substr(0, prefix.size()) != prefix)
        return bad("is not a PIN hash (it should start with $argon2id$v=19$)");
    if (stored_hash.size() >= crypto_pwhash_STRBYTES)
        return bad("is longer than any PIN hash");
    // "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>": the cost must be one a station can afford and
    // libsodium supports (one lane).
    unsigned long long m = 0, t = 0, p = 0;
    const char* s = stored_hash.data() + prefix.size();
    const char* end = stored_hash.data() + stored_hash.size();
    auto number = [&](unsigned long long& v, std::string_view then) {
        auto [ptr, ec] = std::from_chars(s, end, v);
        if (ec != std::errc() || std::string_view(ptr, std::min<std::size_t>(then.size(), end - ptr)) != then)
            return false;
        s = ptr + then.size();
        return true;
    };
    if (!number(m, ",t=") || !number(t, ",p=") || !number(p, "$"))
        return bad("has a damaged cost part (expected m=...,t=...,p=...)");
    if (p != 1)
        return bad("uses " + std::to_string(p) + " lanes; only 1 is supported");
    if (m > kMaxMemKiB || t > kMaxOpsLimit)
        return bad("would take too long to check on a station (m=" + std::to_string(m) +
                   " KiB, t=" + std::to_string(t) + ")");
    ensure_sodium();
    char hash[crypto_pwhash_STRBYTES] = {};
    std::memcpy(hash, stored_hash.data(), stored_hash.size());
    // Decodes the whole string (salt and hash in base64 included); -1 means it is not a valid hash.
    if (crypto_pwhash_str_needs_rehash(hash, kOpsLimit, kMemLimit) < 0)
        return bad("is damaged (its salt or hash part is not valid)");
    return {};
}

int hash_pin_command(std::FILE* in, std::FILE* out, std::FILE* err) {
    bool terminal = ::isatty(::fileno(in));
    std::string pin, again;
    {
        std::optional<NoEcho> quiet;
        if (terminal) {
            quiet.emplace(::fileno(in));
            std::fputs("Mã PIN mới (4-12 chữ số) / New PIN (4-12 digits): ", err);
            std::fflush(err);
        }
        bool got = read_line(in, pin);
        if (terminal) {
            std::fputs("\nNhập lại mã PIN / Type the PIN again: ", err);
            std::fflush(err);
            got = got && read_line(in, again);
            std::fputs("\n", err);
        }
        if (!got) {
            std::fputs("Không đọc được mã PIN. / No PIN was read.\n", err);
            return 2;
        }
    }
    if (terminal && pin != again) {
        std::fputs("Hai lần nhập không khớp nhau; hãy chạy lại lệnh. / The two PINs differ; run the command "
                   "again.\n",
                   err);
        return 1;
    }
    auto hashed = hash_pin(pin);
    if (!hashed) {
        std::fprintf(err, "%s\n", hashed.error().message.c_str());
        return 1;
    }
    std::fprintf(out, "operator_pin = %s\n", hashed->c_str());
    std::fflush(out);
    std::fputs("Chép dòng trên vào /etc/kiosk/kiosk.conf (thay dòng operator_pin cũ nếu có) rồi khởi động "
               "lại kiosk. / "
               "Put the line above into /etc/kiosk/kiosk.conf (replacing any operator_pin line) and restart "
               "the kiosk.\n",
               err);
    return std::ferror(out) ? 2 : 0;
}

std::string pin_message(const PinAttempt& attempt) {
    const std::string ask_office_vi = " Nếu quên mã PIN, hãy liên hệ đơn vị cấp tỉnh quản lý trạm.";
    const std::string ask_office_en =
        " If the PIN is forgotten, contact the provincial office that runs this station.";
    switch (attempt.outcome) {
    case PinAttempt::Outcome::Accepted:
        return "Mã PIN đúng. / PIN accepted.";
    case PinAttempt::Outcome::Wrong:
        if (attempt.tries_left > 0) {
            auto n = std::to_string(attempt.tries_left);
            return "Sai mã PIN. Còn " + n + " lần thử trước khi phải chờ. / Wrong PIN. " + n +
                   (attempt.tries_left == 1 ? " more try" : " more tries") + " before a wait.";
        }
        return "Sai mã PIN. Hãy chờ " + duration_vi(attempt.wait_s) + " rồi thử lại." + ask_office_vi +
               " / Wrong PIN. Wait " + duration_en(attempt.wait_s) + ", then try again." + ask_office_en;
    case PinAttempt::Outcome::LockedOut:
        return "Đã nhập sai mã PIN nhiều lần. Hãy chờ " + duration_vi(attempt.wait_s) + " rồi thử lại." +
               ask_office_vi + " / Too many wrong PINs. Wait " + duration_en(attempt.wait_s) +
               ", then try again." + ask_office_en;
    case PinAttempt::Outcome::NoPinSet:
        return "Trạm này chưa được đặt mã PIN vận hành. Hãy liên hệ đơn vị cấp tỉnh quản lý trạm để đặt mã. "
               "/ "
               "This station has no operator PIN yet. Ask the provincial office that runs it to set one.";
    }
    return {};
}

PinGate::PinGate(std::string stored_hash, std::filesystem::path state_file, std::string boot_id,
                 std::int64_t now_s)
    : m_hash(std::move(stored_hash)), m_state_file(std::move(state_file)), m_boot_id(std::move(boot_id)) {
    load(now_s);
}

std::int64_t PinGate::wait_after(int failures) {
    if (failures < kFreeTries)
        return 0;
    int doublings = std::min(failures - kFreeTries, 16);
    return std::min(kFirstWaitS << doublings, kLongestWaitS);
}

std::int64_t PinGate::seconds_to_wait(std::int64_t now_s) const {
    // Never longer than the wait itself: a caller that mixed clocks cannot lock the screen for longer.
    return std::clamp<std::int64_t>(m_locked_until - now_s, 0, wait_after(m_failures));
}

PinAttempt PinGate::attempt(std::string_view pin, std::int64_t now_s) {
    if (m_hash.empty())
        return {PinAttempt::Outcome::NoPinSet, 0, 0};
    if (auto wait = seconds_to_wait(now_s); wait > 0)
        return {PinAttempt::Outcome::LockedOut, 0, wait};
    if (verify_pin(m_hash, pin)) {
        if (m_failures > 0) {
            m_failures = 0;
            m_locked_until = 0;
            save(now_s);
        }
        return {PinAttempt::Outcome::Accepted, 0, 0};
    }
    m_failures = std::min(m_failures + 1, 1000);
    std::int64_t wait = wait_after(m_failures);
    m_locked_until = now_s + wait;
    save(now_s);
    log_warn("operator screen: wrong PIN (" + std::to_string(m_failures) + " in a row)");
    return {PinAttempt::Outcome::Wrong, std::max(0, kFreeTries - m_failures), wait};
}

void PinGate::load(std::int64_t now_s) {
    std::error_code ec;
    if (!std::filesystem::exists(m_state_file, ec)) {
        log_debug("operator PIN state: no file at " + m_state_file.string() + ", no wrong PINs on record");
        return;
    }
    auto text = platform::read_file(m_state_file, 4096);
    auto fresh = [&](const std::string& why) {
        log_warn("operator PIN state in " + m_state_file.string() + " " + why +
                 "; starting with no wrong PINs on record");
        m_failures = 0;
        m_locked_until = 0;
    };
    if (!text)
        return fresh("cannot be read (" + text.error().message + ")");
    long long failures = -1, wait_left = -1, steady = -1;
    std::string boot;
    std::size_t pos = 0;
    const std::string& s = *text;
    while (pos < s.size()) {
        auto end = s.find('\n', pos);
        if (end == std::string::npos)
            end = s.size();
        std::string_view line(s.data() + pos, end - pos);
        pos = end + 1;
        if (line.empty() || line[0] == '#')
            continue;
        auto space = line.find(' ');
        if (space == std::string_view::npos)
            return fresh("is damaged");
        auto key = line.substr(0, space), value = line.substr(space + 1);
        if (key == "boot") {
            boot = std::string(value);
            continue;
        }
        long long number = 0;
        auto [ptr, err] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (err != std::errc() || ptr != value.data() + value.size())
            return fresh("is damaged");
        if (key == "failures")
            failures = number;
        else if (key == "wait_left")
            wait_left = number;
        else if (key == "steady")
            steady = number;
    }
    if (failures < 0 || failures > 1000 || wait_left < 0 || wait_left > kLongestWaitS || steady < 0 ||
        boot.empty())
        return fresh("is damaged");
    m_failures = static_cast<int>(failures);
    bool same_boot = !m_boot_id.empty() && boot == m_boot_id && steady <= now_s;
    m_locked_until = (same_boot ? steady : now_s) + wait_left;
}

void PinGate::save(std::int64_t now_s) const {
    std::string text = "# Wrong operator PINs in a row, written by the kiosk.\n"
                       "failures " +
                       std::to_string(m_failures) + "\n" + "wait_left " +
                       std::to_string(seconds_to_wait(now_s)) + "\n" + "steady " +
                       std::to_string(std::max<std::int64_t>(now_s, 0)) + "\n" + "boot " +
                       (m_boot_id.empty() ? std::string("-") : m_boot_id) + "\n";
    if (auto saved = platform::write_file_atomic(m_state_file, text, 0600); !saved)
        log_warn("cannot record wrong operator PINs in " + m_state_file.string() + ": " +
                 saved.error().message + "; a restart of the kiosk will forget them");
}

} // namespace kiosk
