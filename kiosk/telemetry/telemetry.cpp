// The telemetry queue and its writer thread: events wait in memory and are committed in batches, so the
// kiosk's threads never wait for the disk and a failing disk only costs events, never the kiosk.
#include "telemetry/telemetry.hpp"

#include "base/log.hpp"
#include "telemetry/telemetry_reader.hpp"
#include "telemetry/telemetry_schema.hpp"
#include "telemetry/telemetry_store.hpp"

namespace kiosk {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

namespace {

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

telemetry::StoreSettings store_settings(const TelemetryOptions& options) {
    return {options.station, options.software, options.retention_days, options.max_bytes};
}

// A failed reopen (the disk is gone or full) is retried no more often than this.
constexpr auto kReopenDelay = std::chrono::seconds(60);

} // namespace

Result<std::unique_ptr<Telemetry>> Telemetry::open(const fs::path& db, TelemetryOptions options) {
    if (options.batch_events == 0)
        options.batch_events = 1;
    if (options.queue_limit == 0)
        options.queue_limit = 1;
    std::int64_t now = options.clock ? options.clock() : system_now_ms();
    auto store = TRY(telemetry::TelemetryStore::open(db, store_settings(options), now));
    std::unique_ptr<Telemetry> telemetry(new Telemetry(db, std::move(options), std::move(store)));
    telemetry->m_writer = std::thread([t = telemetry.get()] { t->run_writer(); });
    return telemetry;
}

Telemetry::Telemetry(fs::path path, TelemetryOptions options,
                     std::unique_ptr<telemetry::TelemetryStore> store)
    : m_path(std::move(path)), m_options(std::move(options)), m_store(std::move(store)) {
    m_station_db_id = m_store->station_db_id();
    m_running_since_ms = m_store->run_started_ms();
    m_run_id = m_store->run_id();
}

Telemetry::~Telemetry() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_writer.joinable())
        m_writer.join();
}

std::int64_t Telemetry::now_ms() const {
    return m_options.clock ? m_options.clock() : system_now_ms();
}

void Telemetry::record(TelemetryEvent event) {
    bool wake = false;
    bool first_drop = false;
    {
        std::lock_guard lock(m_mutex);
        ++m_counters.recorded;
        if (m_queue.size() >= m_options.queue_limit) {
            m_queue.pop_front();
            first_drop = m_counters.dropped_queue_full++ == 0;
        }
        if (m_queue.empty())
            m_oldest_queued = steady_clock::now();
        m_queue.push_back(std::move(event));
        // The writer is woken only when its deadline changes (the first event) or a batch is full, not
        // once per event.
        wake = m_queue.size() == 1 || m_queue.size() == m_options.batch_events;
    }
    if (wake)
        m_wake.notify_one();
    if (first_drop)
        log_warn("telemetry: the queue is full (the disk is too slow or stuck); dropping the oldest events");
}

std::uint32_t Telemetry::next_session() {
    return ++m_next_session;
}

void Telemetry::flush() {
    std::unique_lock lock(m_mutex);
    std::uint64_t ticket = ++m_flush_requested;
    m_wake.notify_one();
    m_committed.wait(lock, [&] { return m_flush_done >= ticket; });
}

TelemetryCounters Telemetry::counters() const {
    std::lock_guard lock(m_mutex);
    return m_counters;
}

std::string Telemetry::station_db_id() const {
    std::lock_guard lock(m_mutex);
    return m_station_db_id;
}

Result<TelemetrySummary> Telemetry::summary(std::int64_t now_ms) {
    std::int64_t run_id = 0;
    {
        std::lock_guard lock(m_mutex);
        run_id = m_run_id;
    }
    auto summary = TRY(telemetry::read_summary(m_path, now_ms, run_id));
    std::lock_guard lock(m_mutex);
    summary.station_db_id = m_station_db_id;
    summary.running_since_ms = m_running_since_ms;
    summary.dropped_events = m_counters.dropped_queue_full + m_counters.dropped_write_failed;
    return summary;
}

Status Telemetry::export_to(const fs::path& file) {
    flush();
    return telemetry::export_copy(m_path, file);
}

void Telemetry::reopen_store(const char* why) {
    std::uint64_t transactions = m_store ? m_store->transactions() : 0;
    if (m_store) {
        log_error(std::string("telemetry: ") + why + "; starting a fresh file");
        m_store.reset();
        auto moved = telemetry::move_aside(m_path, "corrupt", now_ms());
        if (!moved)
            log_error("telemetry: " + moved.error().message);
    }
    m_next_reopen = steady_clock::now() + kReopenDelay;
    auto store = telemetry::TelemetryStore::open(m_path, store_settings(m_options), now_ms());
    m_store_transactions_before += transactions;
    std::lock_guard lock(m_mutex);
    if (!store) {
        log_error("telemetry: cannot reopen " + m_path.string() + ": " + store.error().message);
        return;
    }
    m_store = std::move(store.value());
    m_station_db_id = m_store->station_db_id();
    m_running_since_ms = m_store->run_started_ms();
    m_run_id = m_store->run_id();
}

void Telemetry::start_checks() {
    // Damage in pages that appends never touch is only found by reading them all; this runs here rather
    // than in open() so the kiosk's start is not delayed by a large file.
    auto checked = m_store->check_integrity();
    if (!checked && sql::is_corruption(checked.error()))
        reopen_store(checked.error().message.c_str());
    else if (!checked)
        log_warn("telemetry: cannot check the file: " + checked.error().message);
    maybe_apply_retention();
}

void Telemetry::maybe_apply_retention() {
    std::int64_t now = now_ms();
    std::int64_t interval = m_options.retention_interval.count();
    bool due = m_last_retention_ms == 0 || now - m_last_retention_ms >= interval || now < m_last_retention_ms;
    if (!due || !m_store)
        return;
    m_last_retention_ms = now;
    auto applied = m_store->apply_retention(now);
    if (!applied && sql::is_corruption(applied.error()))
        reopen_store(applied.error().message.c_str());
    else if (!applied)
        log_warn("telemetry: retention failed: " + applied.error().message);
}

void Telemetry::after_write(const Status& status, std::size_t events) {
    {
        std::lock_guard lock(m_mutex);
        (status ? m_counters.written : m_counters.dropped_write_failed) += events;
    }
    // Logged outside the lock, which record() on the render thread takes, and only when the state
    // changes: a full disk would otherwise flood the journal with one line per batch.
    if (status && m_write_failing) {
        log_info("telemetry: writing again after dropping " + std::to_string(m_dropped_while_failing) +
                 " events");
        m_write_failing = false;
        m_dropped_while_failing = 0;
    } else if (!status) {
        m_dropped_while_failing += events;
        if (!m_write_failing)
            log_error("telemetry: cannot write events (" + status.error().message +
                      "); dropping them until the disk accepts writes again");
        m_write_failing = true;
    }
}

void Telemetry::write_batch(const std::deque<TelemetryEvent>& batch) {
    if (!m_store && steady_clock::now() >= m_next_reopen)
        reopen_store("the file could not be opened");
    Status status = m_store ? m_store->write(batch, now_ms())
                            : Status(make_error(ErrorCode::Io, "no telemetry file is open"));
    if (!status && sql::is_corruption(status.error())) {
        reopen_store(status.error().message.c_str());
        if (m_store)
            status = m_store->write(batch, now_ms());
    }
    after_write(status, batch.size());
}

void Telemetry::run_writer() {
    start_checks();
    auto next_alive = steady_clock::now() + m_options.alive_interval;
    bool stopping = false;
    while (!stopping) {
        std::deque<TelemetryEvent> batch;
        std::uint64_t ticket = 0;
        {
            std::unique_lock lock(m_mutex);
            while (!m_stopping && m_queue.size() < m_options.batch_events &&
                   m_flush_requested == m_flush_done) {
                auto deadline = next_alive;
                if (!m_queue.empty())
                    deadline = std::min(deadline, m_oldest_queued + m_options.flush_interval);
                if (steady_clock::now() >= deadline)
                    break;
                m_wake.wait_until(lock, deadline);
            }
            batch.swap(m_queue);
            ticket = m_flush_requested;
            stopping = m_stopping;
        }

        if (!batch.empty()) {
            write_batch(batch);
            next_alive = steady_clock::now() + m_options.alive_interval;
        } else if (steady_clock::now() >= next_alive) {
            if (m_store) {
                auto alive = m_store->mark_alive(now_ms());
                if (!alive)
                    log_debug("telemetry: heartbeat not written: " + alive.error().message);
            }
            next_alive = steady_clock::now() + m_options.alive_interval;
        }
        maybe_apply_retention();
        if (stopping && m_store) {
            auto marked = m_store->mark_clean_exit(now_ms());
            if (!marked)
                log_warn("telemetry: cannot mark the clean exit: " + marked.error().message);
        }

        {
            std::lock_guard lock(m_mutex);
            m_flush_done = ticket;
            m_counters.transactions = m_store_transactions_before + (m_store ? m_store->transactions() : 0);
        }
        m_committed.notify_all();
    }
}

} // namespace kiosk
