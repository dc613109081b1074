// file.h: whole-file reading and safe whole-file writing.
//
// `write_file_atomic(PATH, DATA, ERROR, NEW_FILE_MODE)` replaces PATH with DATA so that:
//
// - **Old or new, never torn.** The data is written and fsynced under another name in PATH's
//   folder, renamed over PATH, then the folder is fsynced. After a crash or a kill, PATH holds
//   the complete old content or the complete new one.
// - **Nothing left behind.** Natively the data goes into an unnamed file (O_TMPFILE) that
//   the kernel frees if the writer dies; it gets a name (`.NAME.arlab-tmp-` and 16 random
//   hex digits, never an existing name) only for the instant between linking it and the
//   rename. Where O_TMPFILE is missing (some file systems; Emscripten) the data is written
//   under that name directly. Either way, a temporary that a killed writer left is removed
//   by the next write into the same folder (when no other write there runs); errors remove
//   their own. Writers hold a shared flock on the folder while they write; the cleanup runs
//   only under an exclusive one, so it never removes a live writer's file. Where flock
//   fails there is no cleanup; Emscripten's flock always succeeds (one writer at a time).
// - **Symlinks are written through.** If PATH is a symlink (or a chain of them), the file it
//   points to is replaced and the link stays; a dangling link creates the file it names.
// - **Only regular files are replaced.** A FIFO, directory, device or socket at PATH is
//   refused ("PATH: not a regular file (a FIFO)") and nothing is created.
// - **The mode is kept.** A replaced file keeps its permission bits (and, where allowed, its
//   owner and group); a new file gets NEW_FILE_MODE minus the umask (0666: as any new file;
//   kFileModePrivate for the desktop's book, snapshots and settings). Hard links to the old
//   file keep the old content (rename gives PATH a new inode).
//
// ARLAB_NO_TMPFILE=1 in the environment makes native writes use the named temporary too:
// the tests cover that path (Emscripten's, and that of file systems without O_TMPFILE).
#pragma once
#include <string>
#include <string_view>

namespace arlab {

constexpr unsigned kFileModeDefault = 0666;  // New files as `touch` makes them (umask applies).
constexpr unsigned kFileModePrivate = 0600;  // Owner only: books, snapshots, settings.

bool read_file(const std::string& path, std::string* out, std::string* error);
// On failure, *error is "PATH: reason" and PATH is unchanged (unless only the folder's final
// fsync failed: then PATH may hold the new data, not known to be on the disk).
bool write_file_atomic(const std::string& path, std::string_view data, std::string* error,
                       unsigned new_file_mode = kFileModeDefault);

}  // namespace arlab
