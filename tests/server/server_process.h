// The real `jql serve` as a child process, for the tests that must kill it: started
// with a pipe on its stdout (the token and the URL are read from there), stopped
// with SIGTERM or killed with SIGKILL.
#ifndef JQL_TESTS_SERVER_SERVER_PROCESS_H_
#define JQL_TESTS_SERVER_SERVER_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jql::testing {

class ServerProcess {
 public:
  // Starts `binary serve ARGS...` and waits (at most `timeout`) for "listening on URL".
  bool Start(const std::string& binary, const std::vector<std::string>& args,
             std::chrono::seconds timeout = std::chrono::seconds(120)) {
    int out[2];
    if (pipe(out) != 0) return false;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> all = {binary, "serve"};
      all.insert(all.end(), args.begin(), args.end());
      // `make test` records every response for the OpenAPI schema check.
      if (const char* dir = std::getenv("JQL_RECORD_RESPONSES"); dir != nullptr && *dir != '\0') {
        all.push_back("--record-responses");
        all.push_back(dir);
      }
      std::vector<char*> argv;
      for (std::string& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    fd_ = out[0];
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      std::string line;
      if (!ReadLine(&line, deadline)) return false;
      output_ += line + "\n";
      if (line.rfind("token: ", 0) == 0) token_ = line.substr(7);
      // A log line: "2026-12-02T02:53:43.123Z INFO listening on http://127.0.0.1:PORT".
      if (const size_t at = line.find(" INFO listening on "); at != std::string::npos) {
        url_ = line.substr(at + 19);
        port_ = static_cast<uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
        // Keep reading its request log, or a full pipe would block the server.
        drain_ = std::thread([this] {
          char buffer[4096];
          ssize_t n;
          while ((n = read(fd_, buffer, sizeof buffer)) > 0) {
            std::lock_guard lock(mutex_);
            output_.append(buffer, static_cast<size_t>(n));
          }
        });
        return true;
      }
    }
    return false;
  }

  void Kill() { Signal(SIGKILL); }

  // Sends SIGTERM and waits; returns the exit status (-1 when killed by a signal).
  int Terminate() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    return Wait();
  }

  void Signal(int signal) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    if (signal == SIGKILL) Wait();
  }

  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    // Drain what is left of its output: the drain thread, when there is one, reads
    // to the end now that the pipe's writer is gone (reading here too would race it).
    if (drain_.joinable()) {
      drain_.join();
    } else {
      char buffer[4096];
      ssize_t n;
      while ((n = read(fd_, buffer, sizeof buffer)) > 0)
        output_.append(buffer, static_cast<size_t>(n));
    }
    close(fd_);
    fd_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  ~ServerProcess() {
    if (pid_ > 0) Kill();
    if (drain_.joinable()) drain_.join();
    if (fd_ >= 0) close(fd_);
  }

  uint16_t port() const { return port_; }
  const std::string& token() const { return token_; }
  std::string output() const {
    std::lock_guard lock(mutex_);
    return output_;
  }

 private:
  bool ReadLine(std::string* line, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      const size_t nl = pending_.find('\n');
      if (nl != std::string::npos) {
        *line = pending_.substr(0, nl);
        pending_.erase(0, nl + 1);
        return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      const ssize_t n = read(fd_, buffer, sizeof buffer);
      if (n <= 0) return false;
      pending_.append(buffer, static_cast<size_t>(n));
    }
  }

  std::thread drain_;
  mutable std::mutex mutex_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string pending_, output_, token_, url_;
  uint16_t port_ = 0;
};

}  // namespace jql::testing

#endif  // JQL_TESTS_SERVER_SERVER_PROCESS_H_
