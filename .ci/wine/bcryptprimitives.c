/*
 * bcryptprimitives.dll for wine 8, which lacks it: Rust's std (since 1.78) imports
 * ProcessPrng from it on Windows, so every Rust .exe fails to start without it. This one
 * exports ProcessPrng and fills the buffer from advapi32's SystemFunction036 (RtlGenRandom),
 * which wine has. Built by .ci/wine/run with x86_64-w64-mingw32-gcc; used only under wine.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length; a SIZE_T may be larger, so fill in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
