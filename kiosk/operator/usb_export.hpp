// The operator's "Export to USB": finding the stick that is plugged in, and writing the export onto it.
#pragma once

#include "base/result.hpp"
#include "operator/export_bundle.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk {

// Where an export went, and what to tell the operator about it.
struct StickExport {
    std::filesystem::path folder; // the export folder on the stick
    std::filesystem::path stick;  // the stick's mount point
    std::size_t sticks_found = 0; // writable sticks plugged in (the first one was used)
    std::string message;          // what happened and what to do next, Vietnamese then English
};

// Exports to the first writable stick mounted at or under usb_root in the mount table mountinfo_text
// (the format of /proc/self/mountinfo; tests pass a table naming a folder that stands in for a stick).
// No stick is an error telling the operator to plug one in and try again; with several, the first in
// mount order is used and the message names it.
Result<StickExport> export_to_stick(std::string_view mountinfo_text, const std::filesystem::path& usb_root,
                                    const ExportContents& contents);

// The same with this process's mount table; returns the export folder.
Result<std::filesystem::path> export_to_stick(const std::filesystem::path& usb_root, ExportContents contents);

// The error an export without a stick ends in (also shown before trying, when none is plugged in).
Error no_stick_error(const std::filesystem::path& usb_root);

// The name a guard sees for a stick: its label, which is the last part of its mount point.
std::string stick_name(const std::filesystem::path& mount_point);

} // namespace kiosk
