// test_file.cpp: what io/file.h's write_file_atomic leaves on disk (issue 9, "Writes are
// safe"): the mode kept or given, symlinks written through, anything but a regular file
// refused, and no temporary left after a success, a failure or a dead writer. Each case runs
// with both temporaries: the unnamed one (O_TMPFILE, the native default) and the named one
// (Emscripten, file systems without O_TMPFILE), forced with ARLAB_NO_TMPFILE=1.
// Native only (core.cmake): FIFOs, sockets, flock, umask and rlimits need a real kernel. The
// kill test (tests/cli/kill_writes.py) kills the CLI while it writes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/file.h"

using namespace arlab;
namespace fs = std::filesystem;

namespace {

// A fresh folder under $TMPDIR, removed afterwards. umask 022 while it lives, so that a new
// file's mode is known: 0666 & ~022 = 0644.
struct Folder {
  fs::path path;
  mode_t umask_before;

  Folder() {
    std::string name = (fs::temp_directory_path() / "arlab-file-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path = name;
    umask_before = umask(022);
  }
  ~Folder() {
    umask(umask_before);
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// ARLAB_NO_TMPFILE set while it lives, then restored.
class TemporaryKind {
 public:
  explicit TemporaryKind(bool named) {
    const char* before = std::getenv("ARLAB_NO_TMPFILE");
    had_value_ = before != nullptr;
    if (had_value_) value_before_ = before;
    setenv("ARLAB_NO_TMPFILE", named ? "1" : "0", 1);
  }
  ~TemporaryKind() {
    if (had_value_) {
      setenv("ARLAB_NO_TMPFILE", value_before_.c_str(), 1);
    } else {
      unsetenv("ARLAB_NO_TMPFILE");
    }
  }
  TemporaryKind(const TemporaryKind&) = delete;
  TemporaryKind& operator=(const TemporaryKind&) = delete;

 private:
  bool had_value_ = false;
  std::string value_before_;
};

// Runs BODY with each temporary. A loop, not SUBCASEs: doctest would not cross them with
// the SUBCASEs of a test body.
template <typename Body>
void for_both_temporaries(Body body) {
  for (std::string kind : {"unnamed (O_TMPFILE)", "named (ARLAB_NO_TMPFILE=1)"}) {
    CAPTURE(kind);
    TemporaryKind set(kind[0] == 'n');
    body();
  }
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void put(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary) << text;
  REQUIRE(chmod(path.c_str(), mode) == 0);
}

// Every name in DIR, dot files included, sorted.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

mode_t mode_of(const std::string& path) {
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

bool is_symlink(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

std::string written(const std::string& path, const std::string& data,
                    unsigned new_file_mode = kFileModeDefault) {
  std::string error;
  if (write_file_atomic(path, data, &error, new_file_mode)) return "ok";
  return error;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_SUITE("file") {

TEST_CASE("a new file gets the mode asked for, less the umask") {
  struct Row {
    unsigned asked;
    mode_t expected;  // asked & ~022
  };
  for_both_temporaries([] {
    for (Row row : {Row{kFileModeDefault, 0644}, Row{kFileModePrivate, 0600}, Row{0640, 0640}}) {
      CAPTURE(row.asked);
      Folder dir;
      CHECK(written(dir / "book.json", "new\n", row.asked) == "ok");
      CHECK(read_all(dir / "book.json") == "new\n");
      CHECK(mode_of(dir / "book.json") == row.expected);
      CHECK(names_in(dir.path) == Names{"book.json"});
    }
  });
}

TEST_CASE("a replaced file keeps its mode, whatever the mode for new files") {
  for_both_temporaries([] {
    for (mode_t mode : {0600, 0640, 0444, 0755}) {
      for (unsigned asked : {kFileModeDefault, kFileModePrivate}) {
        CAPTURE(mode);
        CAPTURE(asked);
        Folder dir;
        put(dir / "book.json", "old\n", mode);
        CHECK(written(dir / "book.json", "new\n", asked) == "ok");
        CHECK(read_all(dir / "book.json") == "new\n");
        CHECK(mode_of(dir / "book.json") == mode);
        CHECK(names_in(dir.path) == Names{"book.json"});
      }
    }
  });
}

TEST_CASE("a replaced file keeps its owner and group (when run as root)") {
  if (geteuid() != 0) {
    MESSAGE("not root: only root may give a file to another user");
    return;
  }
  for_both_temporaries([] {
    Folder dir;
    put(dir / "book.json", "old\n", 0640);
    REQUIRE(chown((dir / "book.json").c_str(), 65534, 65534) == 0);  // nobody / nogroup
    CHECK(written(dir / "book.json", "new\n") == "ok");
    struct stat st;
    REQUIRE(stat((dir / "book.json").c_str(), &st) == 0);
    CHECK(st.st_uid == 65534);
    CHECK(st.st_gid == 65534);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(read_all(dir / "book.json") == "new\n");
  });
}

TEST_CASE("a symlink is written through: its target is replaced, the link stays") {
  struct Row {
    const char* what;
    std::string link_text;    // Of links/book.json; "@" stands for the folder's path.
    const char* second_link;  // Text of links/second.json, or nullptr.
  };
  const Row rows[] = {
      {"relative, from the link's folder (not the current one)", "../data/book.json", nullptr},
      {"absolute", "@/data/book.json", nullptr},
      {"a link to a link", "second.json", "../data/book.json"},
  };
  for_both_temporaries([&] {
    for (const Row& row : rows) {
      CAPTURE(row.what);
      Folder dir;
      fs::create_directory(dir.path / "data");
      fs::create_directory(dir.path / "links");
      put(dir / "data/book.json", "old\n", 0600);
      std::string link = dir / "links/book.json";
      std::string text = row.link_text[0] == '@' ? dir.path.string() + row.link_text.substr(1)
                                                 : row.link_text;
      REQUIRE(symlink(text.c_str(), link.c_str()) == 0);
      if (row.second_link) {
        REQUIRE(symlink(row.second_link, (dir / "links/second.json").c_str()) == 0);
      }
      CHECK(written(link, "new\n") == "ok");
      CHECK(is_symlink(link));
      CHECK(fs::read_symlink(link).string() == text);
      CHECK(read_all(dir / "data/book.json") == "new\n");
      CHECK(mode_of(dir / "data/book.json") == 0600);
      CHECK(names_in(dir.path / "data") == Names{"book.json"});
    }
  });
}

TEST_CASE("a dangling symlink creates the file it names") {
  for_both_temporaries([] {
    Folder dir;
    fs::create_directory(dir.path / "data");
    fs::create_directory(dir.path / "links");
    REQUIRE(symlink("../data/new.json", (dir / "links/out.json").c_str()) == 0);
    CHECK(written(dir / "links/out.json", "new\n") == "ok");
    CHECK(is_symlink(dir / "links/out.json"));
    CHECK(read_all(dir / "data/new.json") == "new\n");
    CHECK(mode_of(dir / "data/new.json") == 0644);
    CHECK(names_in(dir.path / "data") == Names{"new.json"});
    CHECK(names_in(dir.path / "links") == Names{"out.json"});
  });
}

TEST_CASE("anything but a regular file is refused, and nothing is created") {
  for_both_temporaries([] {
    Folder dir;
    REQUIRE(mkfifo((dir / "pipe").c_str(), 0644) == 0);
    fs::create_directory(dir.path / "sub");
    REQUIRE(symlink("pipe", (dir / "to-pipe").c_str()) == 0);
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(sock >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::string sock_path = dir / "sock";
    REQUIRE(sock_path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, sock_path.c_str(), sock_path.size() + 1);
    REQUIRE(bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    // As /dev/stdout on a pipe: a link whose text ("pipe:[123]") is no path.
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    std::string proc_pipe = "/proc/self/fd/" + std::to_string(pipe_ends[1]);

    CHECK(written(dir / "pipe", "new\n") == dir / "pipe" + ": not a regular file (a FIFO)");
    CHECK(written(dir / "to-pipe", "new\n") == dir / "to-pipe" + ": not a regular file (a FIFO)");
    CHECK(written(proc_pipe, "new\n") == proc_pipe + ": not a regular file (a FIFO)");
    CHECK(written(dir / "sub", "new\n") == dir / "sub" + ": not a regular file (a directory)");
    CHECK(written(dir / "sock", "new\n") == dir / "sock" + ": not a regular file (a socket)");
    CHECK(written("/dev/null", "new\n") == "/dev/null: not a regular file (a character device)");
    close(sock);
    close(pipe_ends[0]);
    close(pipe_ends[1]);

    struct stat st;
    REQUIRE(lstat((dir / "pipe").c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    REQUIRE(stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK(names_in(dir.path) == Names{"pipe", "sock", "sub", "to-pipe"});
    CHECK(names_in(dir.path / "sub").empty());
  });
}

TEST_CASE("no temporary is left when the folder does not exist") {
  for_both_temporaries([] {
    Folder dir;
    CHECK(written(dir / "missing/book.json", "new\n") ==
          dir / "missing/book.json" + ": No such file or directory");
    CHECK(names_in(dir.path).empty());
  });
}

TEST_CASE("no temporary is left when the disk refuses the data halfway") {
  // RLIMIT_FSIZE: writes past 64 KiB fail with EFBIG, for root too.
  for_both_temporaries([] {
    Folder dir;
    put(dir / "book.json", "old\n", 0600);
    std::string data(256 * 1024, 'x');
    rlimit before{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
    auto sigxfsz_before = std::signal(SIGXFSZ, SIG_IGN);  // Else the kernel kills the test.
    rlimit small = before;
    small.rlim_cur = 64 * 1024;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string result = written(dir / "book.json", data);  // Nothing printed meanwhile.
    setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, sigxfsz_before);
    CHECK(result == dir / "book.json" + ": " + std::strerror(EFBIG));
    CHECK(read_all(dir / "book.json") == "old\n");
    CHECK(names_in(dir.path) == Names{"book.json"});
  });
}

TEST_CASE("a dead writer's temporaries are removed by the next write into the folder") {
  for_both_temporaries([] {
    Folder dir;
    // Left by killed writers: of this file, and of a snapshot whose name never comes again.
    put(dir / ".book.json.arlab-tmp-0123456789abcdef", "half", 0644);
    put(dir / ".book-20250630-140211.json.arlab-tmp-fedcba9876543210", "half", 0600);
    // Not temporaries: kept.
    put(dir / ".book.json.arlab-tmp-0123456789ABCDEF", "user's", 0644);
    put(dir / ".book.json.arlab-tmp-01234567", "user's", 0644);
    put(dir / "notes.txt", "user's", 0644);
    CHECK(written(dir / "book.json", "new\n") == "ok");
    CHECK(names_in(dir.path) == Names{".book.json.arlab-tmp-01234567",
                                      ".book.json.arlab-tmp-0123456789ABCDEF", "book.json",
                                      "notes.txt"});
  });
}

TEST_CASE("a running writer's temporary is kept") {
  for_both_temporaries([] {
    Folder dir;
    put(dir / ".book.json.arlab-tmp-0123456789abcdef", "in progress", 0644);
    // What a writer holds while its temporary exists: a shared lock on the folder.
    int folder = open(dir.path.c_str(), O_RDONLY | O_DIRECTORY);
    REQUIRE(folder >= 0);
    REQUIRE(flock(folder, LOCK_SH) == 0);
    CHECK(written(dir / "book.json", "first\n") == "ok");
    CHECK(names_in(dir.path) == Names{".book.json.arlab-tmp-0123456789abcdef", "book.json"});
    close(folder);  // That writer is gone: the next write removes what it left.
    CHECK(written(dir / "book.json", "second\n") == "ok");
    CHECK(names_in(dir.path) == Names{"book.json"});
    CHECK(read_all(dir / "book.json") == "second\n");
  });
}

TEST_CASE("a name near NAME_MAX (255 bytes) still gets a temporary") {
  for_both_temporaries([] {
    Folder dir;
    std::string name(250, 'b');
    CHECK(written(dir / name, "new\n") == "ok");
    CHECK(written(dir / name, "newer\n") == "ok");
    CHECK(read_all(dir / name) == "newer\n");
    CHECK(names_in(dir.path) == Names{name});
  });
}

}  // TEST_SUITE("file")
