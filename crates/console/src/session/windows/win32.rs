//! The Windows calls interprocess does not make, through windows-sys: the user a process runs
//! as (a SID string, "S-1-5-21-…"), and ending a pipe that another thread is reading. The
//! console's only `unsafe` code.

use std::io;
use std::os::windows::io::{AsRawHandle, BorrowedHandle, FromRawHandle, OwnedHandle};
use std::ptr;

use windows_sys::Win32::Foundation::{HANDLE, LocalFree};
use windows_sys::Win32::Security::Authorization::ConvertSidToStringSidW;
use windows_sys::Win32::Security::{GetTokenInformation, TOKEN_QUERY, TOKEN_USER, TokenUser};
use windows_sys::Win32::System::IO::CancelIoEx;
use windows_sys::Win32::System::Pipes::DisconnectNamedPipe;
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, OpenProcess, OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION,
};

/// This process's user.
pub(super) fn current_user() -> io::Result<String> {
    // SAFETY: a pseudo-handle that is always valid and is not closed.
    token_user(unsafe { GetCurrentProcess() })
}

/// The user of process `pid`.
pub(super) fn user_of_process(pid: u32) -> io::Result<String> {
    // SAFETY: plain values in; a handle out, or null on failure.
    let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
    if process.is_null() {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a handle just opened and owned by no one else, closed once when dropped.
    let process = unsafe { OwnedHandle::from_raw_handle(process) };
    token_user(process.as_raw_handle())
}

/// Ends a pipe's connection: the server's end disconnected, so that any read or write on it
/// fails from now on; then what another thread is reading or writing cancelled.
pub(super) fn end(pipe: BorrowedHandle<'_>, server: bool) {
    // SAFETY: `pipe` is a valid handle, borrowed for the calls; neither keeps it.
    unsafe {
        if server {
            DisconnectNamedPipe(pipe.as_raw_handle());
        }
        CancelIoEx(pipe.as_raw_handle(), ptr::null());
    }
}

/// The user of the process behind `process`, from its access token.
fn token_user(process: HANDLE) -> io::Result<String> {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: `token` is a local the call writes a new handle to.
    if unsafe { OpenProcessToken(process, TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the handle just opened, owned here alone.
    let token = unsafe { OwnedHandle::from_raw_handle(token) };
    let mut len = 0u32;
    // SAFETY: asks only for the size needed; no buffer is written.
    unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenUser,
            ptr::null_mut(),
            0,
            &mut len,
        )
    };
    if len == 0 {
        return Err(io::Error::last_os_error());
    }
    // Whole u64s, so the TOKEN_USER read from it is aligned.
    let mut buf = vec![0u64; (len as usize).div_ceil(8)];
    // SAFETY: `buf` holds at least `len` bytes for the call to write.
    let got = unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenUser,
            buf.as_mut_ptr().cast(),
            len,
            &mut len,
        )
    };
    if got == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the call wrote a TOKEN_USER at the start of `buf`; its SID points into `buf`,
    // which lives until the end of this function.
    let sid = unsafe { (*buf.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    let mut text: *mut u16 = ptr::null_mut();
    // SAFETY: `sid` is valid; the call allocates a string and writes its address to `text`.
    if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `text` is a NUL-terminated UTF-16 string from the call above, read up to its
    // NUL, then freed once with LocalFree as the call's documentation asks.
    let sid = unsafe {
        let len = (0..).take_while(|&i| *text.add(i) != 0).count();
        let sid = String::from_utf16_lossy(std::slice::from_raw_parts(text, len));
        LocalFree(text.cast());
        sid
    };
    Ok(sid)
}
