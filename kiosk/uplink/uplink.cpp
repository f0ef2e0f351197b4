// The upload cycle and the service thread that repeats it.
#include "uplink/uplink.hpp"

#include "base/log.hpp"
#include "net/url.hpp"
#include "platform/linux/files.hpp"
#include "platform/linux/system_info.hpp"
#include "uplink/heartbeat.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace kiosk::uplink {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

namespace {

// A batch file is at most a few MB (kBatchRows rows); anything far larger is not one of ours.
constexpr std::uint64_t kMaxBatchBytes = 256ull << 20;

std::int64_t now_ms(const UplinkSettings& settings) {
    if (settings.clock)
        return settings.clock();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

fs::path spool_dir(const UplinkSettings& settings) {
    return settings.spool.empty() ? fs::path(settings.telemetry.string() + ".upload") : settings.spool;
}

// Each process makes its batch files under its own name ("batch-<pid>.sqlite"), so the running kiosk and
// an operator's `kiosk --upload-once` never write the same file; those of processes that are gone (killed
// mid-way) are removed.
fs::path spool_file(const fs::path& spool) {
    return spool / ("batch-" + std::to_string(::getpid()) + ".sqlite");
}

void remove_leftovers(const fs::path& spool) {
    std::error_code ec;
    std::vector<fs::path> gone;
    for (const auto& entry : fs::directory_iterator(spool, ec)) {
        std::string name = entry.path().filename().string();
        long pid = 0;
        if (std::sscanf(name.c_str(), "batch-%ld.sqlite", &pid) == 1 && pid > 0 &&
            ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            gone.push_back(entry.path());
    }
    for (const auto& file : gone)
        fs::remove(file, ec);
}

std::string station_url(const UplinkSettings& settings, std::string_view file) {
    return net::join_url(settings.url, net::url_segment(settings.station) + "/" + net::url_segment(file));
}

UploadFailure local_failure(std::string what, const Error& error) {
    return UploadFailure{UploadFailure::Kind::Local, 0, std::move(what), error.message};
}

// PUTs one body; nullopt when the server acknowledged it (200, 201 or 204).
std::optional<UploadFailure> put(const UplinkSettings& settings, const std::string& url,
                                 std::string_view body, std::string_view type, std::string what,
                                 const std::atomic<bool>* cancel) {
    net::HttpSettings http = settings.http;
    http.cancel = cancel;
    auto answer = net::http_put(url, body, type, http);
    if (!answer) {
        bool cancelled = cancel && cancel->load();
        return UploadFailure{cancelled ? UploadFailure::Kind::Cancelled : UploadFailure::Kind::Unreachable, 0,
                             std::move(what), answer.error().message};
    }
    long status = answer->status;
    if (status == 200 || status == 201 || status == 204)
        return std::nullopt;
    return UploadFailure{UploadFailure::Kind::Refused, status, std::move(what),
                         "PUT " + net::redacted_url(url)};
}

// What was being sent, in Vietnamese: "lô <id>" for "batch <id>", "nhịp tim" for the heartbeat.
std::string what_vi(const std::string& what) {
    if (what == "heartbeat")
        return "nhịp tim";
    if (what.starts_with("batch "))
        return "lô dữ liệu " + what.substr(6);
    return "dữ liệu thống kê";
}

} // namespace

std::string failure_message(const UploadFailure& f) {
    std::string vi, en, status = std::to_string(f.status);
    switch (f.kind) {
    case UploadFailure::Kind::Refused:
        vi = "Máy chủ của văn phòng từ chối " + what_vi(f.what) + " (mã " + status +
             "). Hãy báo cho văn phòng kiểm tra địa chỉ telemetry_url.";
        en = "The office's server refused the " + f.what + " (status " + status +
             "). Ask the office to check telemetry_url and the server's upload folder.";
        break;
    case UploadFailure::Kind::Unreachable:
        vi = "Không kết nối được tới máy chủ của văn phòng để gửi " + what_vi(f.what) +
             ". Hãy kiểm tra mạng; trạm sẽ tự thử lại sau.";
        en = "Could not reach the office's server to send the " + f.what +
             ". Check the network; the station tries again by itself later.";
        break;
    case UploadFailure::Kind::Local:
        vi = "Không đọc hoặc ghi được dữ liệu thống kê trên trạm (" + what_vi(f.what) + ").";
        en = "Cannot read or write the station's telemetry (" + f.what + ").";
        break;
    case UploadFailure::Kind::Cancelled:
        return "Đã dừng giữa chừng; lần sau sẽ gửi lại.\nStopped midway; it is sent again next time.";
    }
    return vi + "\n" + en + "\n(" + f.detail + ")";
}

BatchesResult upload_batches(const UplinkSettings& settings, const std::atomic<bool>* cancel) {
    BatchesResult result;
    auto outbox = telemetry::Outbox::open(settings.telemetry);
    if (!outbox) {
        if (outbox.error().code == ErrorCode::NotFound)
            result.nothing_to_send = true;
        else
            result.failure = local_failure("telemetry", outbox.error());
        return result;
    }
    fs::path spool = spool_dir(settings);
    std::error_code ec;
    fs::create_directories(spool, ec);
    remove_leftovers(spool);
    while (!(cancel && cancel->load())) {
        auto next = outbox->next_batch(now_ms(settings), settings.batch_rows);
        if (!next) {
            result.failure = local_failure("telemetry", next.error());
            break;
        }
        if (!*next)
            break;
        const telemetry::Batch& batch = **next;
        std::string name = batch.id + ".sqlite";
        fs::path file = spool_file(spool);
        std::string what = "batch " + batch.id;
        Status written = outbox->write_batch_file(batch, file);
        auto bytes =
            written ? platform::read_file(file, kMaxBatchBytes) : Result<std::string>(written.error());
        fs::remove(file, ec);
        fs::remove(file.string() + "-journal", ec);
        if (!bytes) {
            result.failure = local_failure(what, bytes.error());
            break;
        }
        if (auto failed =
                put(settings, station_url(settings, name), *bytes, "application/vnd.sqlite3", what, cancel)) {
            result.failure = std::move(failed);
            break;
        }
        if (settings.before_acknowledge)
            settings.before_acknowledge();
        if (auto acked = outbox->acknowledge(batch, now_ms(settings)); !acked) {
            // Sent but not recorded: the same batch goes again next time and the server keeps one copy.
            result.failure = local_failure(what, acked.error());
            break;
        }
        ++result.batches;
        result.rows += batch.rows;
        // A batch that was not full took every row there was when it was made: the rest waits for the next
        // cycle, so a busy station does not send a tiny batch after every one.
        if (!batch.resent && batch.rows < settings.batch_rows)
            break;
    }
    if (cancel && cancel->load() && !result.failure)
        result.failure = UploadFailure{UploadFailure::Kind::Cancelled, 0, "batches", "stopping"};
    return result;
}

std::optional<UploadFailure> send_heartbeat(const UplinkSettings& settings, const std::atomic<bool>* cancel) {
    Heartbeat heartbeat;
    heartbeat.facts = settings.facts ? settings.facts() : StationFacts{};
    if (heartbeat.facts.station_id.empty())
        heartbeat.facts.station_id = settings.station;
    heartbeat.station_name = settings.station_name;
    heartbeat.software = settings.software;
    if (auto boot = platform::boot_id())
        heartbeat.boot_id = *boot;
    heartbeat.sent_ms = now_ms(settings);
    if (auto outbox = telemetry::Outbox::open(settings.telemetry)) {
        if (auto state = outbox->state()) {
            heartbeat.station_db_id = state->station_db_id;
            heartbeat.unacknowledged_rows = state->unacknowledged_rows;
            heartbeat.last_ack_ms = state->last_ack_ms;
            if (state->pending)
                heartbeat.pending_batch = state->pending->id;
        }
    }
    return put(settings, station_url(settings, "heartbeat.json"), heartbeat_json(heartbeat),
               "application/json", "heartbeat", cancel);
}

CycleResult upload_cycle(const UplinkSettings& settings, const std::atomic<bool>* cancel) {
    CycleResult result;
    result.batches = upload_batches(settings, cancel);
    if (!(cancel && cancel->load()))
        result.heartbeat_failure = send_heartbeat(settings, cancel);
    return result;
}

UplinkService::UplinkService(UplinkSettings settings)
    : m_settings(std::move(settings)), m_backoff(m_settings.backoff) {
    auto start = steady_clock::now() + m_settings.first_delay;
    m_next_batches = m_next_heartbeat = start;
    m_worker.start(start, [this] { return cycle(); });
}

UplinkService::~UplinkService() {
    stop();
}

void UplinkService::stop() {
    m_worker.stop();
}

UplinkService::Progress UplinkService::progress() const {
    std::lock_guard lock(m_mutex);
    return m_progress;
}

steady_clock::time_point UplinkService::cycle() {
    const std::atomic<bool>* cancel = m_worker.stop_flag();
    auto now = steady_clock::now();
    std::optional<UploadFailure> failure;
    int batches = 0, heartbeats = 0;
    bool batches_failed = false, heartbeat_failed = false;
    if (now >= m_next_batches) {
        auto sent = upload_batches(m_settings, cancel);
        batches = sent.batches;
        if (sent.failure) {
            batches_failed = true;
            failure = sent.failure;
        } else {
            m_next_batches = now + m_settings.upload_interval;
        }
    }
    if (now >= m_next_heartbeat && !*cancel) {
        if (auto failed = send_heartbeat(m_settings, cancel)) {
            heartbeat_failed = true;
            if (!failure)
                failure = std::move(failed);
        } else {
            ++heartbeats;
            m_next_heartbeat = now + m_settings.heartbeat_interval;
        }
    }
    if (*cancel)
        return now;
    std::chrono::milliseconds delay{0};
    if (failure) {
        delay = m_backoff.failed();
        auto retry = steady_clock::now() + delay;
        if (batches_failed)
            m_next_batches = retry;
        if (heartbeat_failed)
            m_next_heartbeat = retry;
        // Logged once when uploads start failing, not at every retry: a station offline for a week
        // would otherwise fill its recent problems with the same line.
        if (!m_failing)
            log_warn("upload: " + failure_message(*failure) + " (retrying with backoff)");
        m_failing = true;
    } else {
        if (m_failing)
            log_info("upload: the office's server acknowledges uploads again");
        m_failing = false;
        m_backoff.succeeded();
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_progress.cycles;
        m_progress.failures_in_a_row = m_backoff.failures();
        m_progress.last_delay = delay;
        m_progress.batches_acknowledged += batches;
        m_progress.heartbeats_acknowledged += heartbeats;
    }
    return std::min(m_next_batches, m_next_heartbeat);
}

} // namespace kiosk::uplink
