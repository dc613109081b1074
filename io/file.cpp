// file.cpp: whole-file reading and safe whole-file writing (the guarantees: io/file.h).
//
// [SECTION] Reading
// [SECTION] The target: symlinks followed, kind checked, its folder opened
// [SECTION] Temporary names, the folder lock, stale temporaries
// [SECTION] The temporary: unnamed (O_TMPFILE) or named, filled and synced
// [SECTION] write_file_atomic
#include "io/file.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace arlab {

// [SECTION] Reading

bool read_file(const std::string& path, std::string* out, std::string* error) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  if (std::fseek(f, 0, SEEK_END) == 0) {  // Size known: one allocation, one read.
    long size = std::ftell(f);
    // 64 spare bytes: read_book_json(std::string&) then parses in place (simdjson reads up
    // to 64 bytes past the end) instead of copying the text.
    if (size >= 0) out->reserve(static_cast<size_t>(size) + 64);
    std::fseek(f, 0, SEEK_SET);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = !std::ferror(f);
  if (!ok) *error = path + ": read error: " + std::strerror(errno);
  std::fclose(f);
  return ok;
}

namespace {

// [SECTION] The target: symlinks followed, kind checked, its folder opened

constexpr int kSymlinkHopsMax = 40;  // The kernel's own limit before ELOOP.

struct Target {
  std::string dir;   // The folder of the file really replaced (after symlinks).
  std::string name;  // Its name there.
  int dir_fd = -1;   // Holds the folder lock (flock) until closed.
  bool exists = false;
  struct stat st {};  // The file replaced, when it exists.

  Target() = default;
  Target(const Target&) = delete;
  Target& operator=(const Target&) = delete;
  ~Target() {
    if (dir_fd >= 0) close(dir_fd);
  }
};

bool fail(const std::string& path, int error_number, std::string* error) {
  *error = path + ": " + std::strerror(error_number);
  return false;
}

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "of an unknown kind";
}

// A rename would replace a FIFO, a device node or a socket with a regular file, and fail on
// a directory with a confusing message; neither is what `-o /dev/stdout` meant.
bool not_regular(const std::string& path, mode_t mode, std::string* error) {
  *error = path + ": not a regular file (" + file_kind(mode) + ")";
  return false;
}

// "a/b/c" -> "a/b/", "c" -> "", "/c" -> "/".
std::string folder_prefix(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

bool read_link(const std::string& path, std::string* target) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) return false;
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      *target = std::move(buf);
      return true;
    }
    buf.resize(buf.size() * 2);  // Maybe truncated: PATH_MAX bounds the growth.
  }
}

// The file that open(PATH) would reach: each symlink in the last component replaced by its
// target, relative targets joined to the link's folder. The joined string is never
// normalised: the kernel resolves "dirlink/../x" physically, as it would through the link.
// The result names a non-link, or nothing (a dangling link: the file to create).
bool follow_symlinks(const std::string& path, std::string* resolved, std::string* error) {
  *resolved = path;
  for (int hops = 0;; ++hops) {
    struct stat st;
    if (lstat(resolved->c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return true;
    if (hops == kSymlinkHopsMax) return fail(path, ELOOP, error);
    std::string link;
    if (!read_link(*resolved, &link)) return fail(path, errno, error);
    *resolved = !link.empty() && link[0] == '/' ? link : folder_prefix(*resolved) + link;
  }
}

// Resolves PATH, refuses anything but a regular file or nothing, and opens the folder.
// Checked twice: through the links (stat also sees /dev/stdout's pipe, whose link text is
// no path), then the last component in the opened folder, which is what the rename replaces.
bool open_target(const std::string& path, Target* t, std::string* error) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode, error);
  } else if (errno != ENOENT) {
    return fail(path, errno, error);
  }
  std::string resolved;
  if (!follow_symlinks(path, &resolved, error)) return false;
  std::string prefix = folder_prefix(resolved);
  t->name = resolved.substr(prefix.size());
  t->dir = prefix.empty() ? "." : prefix;
  if (t->name.empty() || t->name == "." || t->name == "..") return fail(path, EISDIR, error);
  t->dir_fd = open(t->dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (t->dir_fd < 0) return fail(path, errno, error);
  if (fstatat(t->dir_fd, t->name.c_str(), &t->st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (!S_ISREG(t->st.st_mode)) return not_regular(path, t->st.st_mode, error);
    t->exists = true;
  } else if (errno != ENOENT) {
    return fail(path, errno, error);
  }
  return true;
}

// [SECTION] Temporary names, the folder lock, stale temporaries

constexpr char kTempMarker[] = ".arlab-tmp-";    // ".NAME.arlab-tmp-" + 16 hex digits.
constexpr size_t kTempMarkerSize = sizeof kTempMarker - 1;
constexpr size_t kTempRandomDigits = 16;
constexpr size_t kTempStemBytesMax = 200;  // Of NAME, so that the whole fits NAME_MAX (255).
constexpr int kTempNameAttempts = 100;      // O_EXCL clashes before giving up (EEXIST).

uint64_t random_bits() {
  uint64_t bits = 0;
  if (getentropy(&bits, sizeof bits) == 0) return bits;
  // No entropy source: still unique per call; O_EXCL turns a clash into a retry.
  static std::atomic<uint64_t> counter{0};
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  uint64_t z = static_cast<uint64_t>(now.tv_sec) * 1000000000u +
               static_cast<uint64_t>(now.tv_nsec) + (static_cast<uint64_t>(getpid()) << 40) +
               counter.fetch_add(0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;  // splitmix64's finaliser.
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

std::string temp_name(const std::string& name) {
  char digits[kTempRandomDigits + 1];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(random_bits()));
  return "." + name.substr(0, kTempStemBytesMax) + kTempMarker + digits;
}

bool is_temp_name(std::string_view name) {
  if (name.size() < 1 + kTempMarkerSize + kTempRandomDigits || name[0] != '.') return false;
  std::string_view digits = name.substr(name.size() - kTempRandomDigits);
  std::string_view marker = name.substr(name.size() - kTempRandomDigits - kTempMarkerSize,
                                        kTempMarkerSize);
  return marker == kTempMarker && std::all_of(digits.begin(), digits.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Removes every temporary of the folder (not only the target's: a killed snapshot write
// leaves one under a name that is never written again). Caller holds the exclusive lock.
void remove_stale_temps(const Target& t) {
  std::vector<std::string> stale;
  if (DIR* d = opendir(t.dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      if (is_temp_name(e->d_name)) stale.emplace_back(e->d_name);
    }
    closedir(d);
  }
  for (const std::string& name : stale) {
    struct stat st;
    if (fstatat(t.dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
      unlinkat(t.dir_fd, name.c_str(), 0);  // Best effort (a sticky folder may refuse).
    }
  }
}

int flock_retrying(int fd, int operation) {
  int r;
  do r = flock(fd, operation);
  while (r != 0 && errno == EINTR);
  return r;
}

// Every writer holds a shared flock on the folder while its temporary exists, so the
// exclusive lock means that no other writer of this folder is running: any temporary left
// is a dead writer's. (A pid in the name would not say that: pids are reused, and another
// pid namespace sees none.) Busy folder: no cleanup this time. No flock here: no cleanup.
void lock_folder_and_clean(const Target& t) {
  if (flock_retrying(t.dir_fd, LOCK_EX | LOCK_NB) == 0) {
    remove_stale_temps(t);
    flock_retrying(t.dir_fd, LOCK_SH);
  } else if (errno == EWOULDBLOCK) {
    flock_retrying(t.dir_fd, LOCK_SH);  // Waits at most for another writer's cleanup.
  }
}

// [SECTION] The temporary: unnamed (O_TMPFILE) or named, filled and synced

constexpr size_t kWriteChunkBytesMax = size_t{1} << 30;  // Linux writes < 2 GiB a call.

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), std::min(data.size(), kWriteChunkBytesMax));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;  // No progress and no reason given.
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// A replaced file keeps its owner, group and mode. chown first (it clears set-id bits), and
// only when they differ: it is best effort (only root gives a file away; a user may pick
// only his own groups). chmod as well: a file system without modes has nothing to keep.
void copy_owner_and_mode(int fd, const Target& t) {
  if (!t.exists) return;
  struct stat own;
  if (fstat(fd, &own) == 0 && (own.st_uid != t.st.st_uid || own.st_gid != t.st.st_gid)) {
    if (fchown(fd, t.st.st_uid, t.st.st_gid) != 0) {
      // Not allowed (not root, or not in that group): the new file stays the writer's.
    }
  }
  fchmod(fd, t.st.st_mode & 07777);
}

// The data, then fsync: the rename must not reach the disk before the data it names.
bool fill(int fd, const Target& t, std::string_view data) {
  copy_owner_and_mode(fd, t);
  return write_all(fd, data) && fsync(fd) == 0;
}

void close_quietly(int fd) {  // Keeps errno: the failure before it is the one to report.
  int saved = errno;
  close(fd);
  errno = saved;
}

void unlink_quietly(const Target& t, const std::string& temp) {
  int saved = errno;
  unlinkat(t.dir_fd, temp.c_str(), 0);
  errno = saved;
}

#if defined(O_TMPFILE) && !defined(__EMSCRIPTEN__)
// -1 where the file system (or an old kernel: EISDIR) has no unnamed files, or where
// ARLAB_NO_TMPFILE asks for the named temporary (tests cover that path natively).
int open_unnamed(const Target& t, unsigned mode) {
  const char* no_tmpfile = std::getenv("ARLAB_NO_TMPFILE");
  if (no_tmpfile && *no_tmpfile && std::strcmp(no_tmpfile, "0") != 0) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return openat(t.dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, static_cast<mode_t>(mode));
}

// Names the unnamed file: through /proc (any user), else by AT_EMPTY_PATH (which needs
// CAP_DAC_READ_SEARCH). linkat never replaces a name, so a random one is as safe as O_EXCL.
bool link_unnamed(int fd, const Target& t, std::string* temp) {
  std::string proc_path = "/proc/self/fd/" + std::to_string(fd);
  for (int attempt = 0; attempt < kTempNameAttempts; ++attempt) {
    *temp = temp_name(t.name);
    if (linkat(AT_FDCWD, proc_path.c_str(), t.dir_fd, temp->c_str(), AT_SYMLINK_FOLLOW) == 0 ||
        linkat(fd, "", t.dir_fd, temp->c_str(), AT_EMPTY_PATH) == 0) {
      return true;
    }
    if (errno != EEXIST) return false;
  }
  return false;
}
#else
// Emscripten's file systems (MEMFS, NODERAWFS) have neither O_TMPFILE nor /proc.
int open_unnamed(const Target&, unsigned) {
  errno = EOPNOTSUPP;
  return -1;
}

bool link_unnamed(int, const Target&, std::string*) {
  errno = EOPNOTSUPP;
  return false;
}
#endif

enum class Written { ok, unsupported, failed };

// The data in an unnamed file, then linked as *TEMP. Unsupported (no O_TMPFILE here, or no
// way to link it): nothing is left, and the caller writes a named temporary instead. A
// failed write or fsync is final: the named file would meet the same disk.
Written write_unnamed(const Target& t, std::string_view data, unsigned mode, std::string* temp) {
  int fd = open_unnamed(t, mode);
  if (fd < 0) return Written::unsupported;
  if (!fill(fd, t, data)) {
    close_quietly(fd);
    return Written::failed;
  }
  bool linked = link_unnamed(fd, t, temp);
  close_quietly(fd);  // Synced already: close has nothing left to report.
  return linked ? Written::ok : Written::unsupported;
}

// The data in a new file named *TEMP: O_EXCL, so never another's file; O_NOFOLLOW, so never
// through a planted link. Removed again on failure.
bool write_named(const Target& t, std::string_view data, unsigned mode, std::string* temp) {
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    if (attempt == kTempNameAttempts) return false;  // errno: EEXIST.
    *temp = temp_name(t.name);
    fd = openat(t.dir_fd, temp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                static_cast<mode_t>(mode));
    if (fd < 0 && errno != EEXIST) return false;
  }
  if (!fill(fd, t, data)) {
    close_quietly(fd);
    unlink_quietly(t, *temp);
    return false;
  }
  if (close(fd) != 0) {
    unlink_quietly(t, *temp);
    return false;
  }
  return true;
}

// The rename, then the folder's fsync that makes it durable. A folder that cannot be synced
// (EINVAL: some FUSE and network file systems) is no failure of the write.
bool rename_into_place(const Target& t, const std::string& temp) {
  if (renameat(t.dir_fd, temp.c_str(), t.dir_fd, t.name.c_str()) != 0) {
    unlink_quietly(t, temp);
    return false;
  }
  return fsync(t.dir_fd) == 0 || errno == EINVAL || errno == ENOTSUP;
}

}  // namespace

// [SECTION] write_file_atomic

bool write_file_atomic(const std::string& path, std::string_view data, std::string* error,
                       unsigned new_file_mode) {
  Target t;
  if (!open_target(path, &t, error)) return false;
  lock_folder_and_clean(t);  // Held (shared) until t closes its folder.
  std::string temp;
  Written written = write_unnamed(t, data, new_file_mode, &temp);
  if (written == Written::unsupported) {
    written = write_named(t, data, new_file_mode, &temp) ? Written::ok : Written::failed;
  }
  if (written != Written::ok || !rename_into_place(t, temp)) {
    return fail(path, errno != 0 ? errno : EIO, error);
  }
  return true;
}

}  // namespace arlab
