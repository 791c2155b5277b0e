#pragma once
// Reading a named pipe (FIFO) as a CSV source without ever blocking for good. A plain open() of
// a FIFO waits until some process opens it for writing, and read() waits for that writer's
// data; the command line can live with that (like `cat`), but the app's loader must show that
// it is waiting and stop when the user cancels or closes the window. So the pipe is opened
// non-blocking and waited on with poll() in short slices that check the cancel flag.

#include <atomic>
#include <functional>
#include <string>

namespace bps {

// Whether `path` names a FIFO (links followed).
bool isNamedPipe(const std::string& path);

// Reads the pipe at `path` until its writer closes it. `waiting` is called (on this thread) once
// when no data is there to read yet. Throws DataError "NAME: cannot open: reason" or
// "NAME: cancelled" once `cancel` becomes true (seen within one slice, kPipeSliceMs).
std::string readNamedPipe(const std::string& path, const std::atomic<bool>& cancel,
                          const std::function<void()>& waiting);

inline constexpr int kPipeSliceMs = 50;

}  // namespace bps
