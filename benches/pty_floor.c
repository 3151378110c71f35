/* The floor for benches/keys.py --floor: a program that does nothing but answer each key
   with a frame of the size gapdash's frames have for the same keys (argv[1] bytes, 5128 if
   not given, in a synchronized update) in one write, through the same pseudo-terminal. What
   gapdash adds to a key is its time above this. A key is what one read(2) brings, so a key
   of several bytes (F5 is ESC [ 1 5 ~) is answered once, as gapdash answers it. */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct termios raw;
    tcgetattr(0, &raw);
    cfmakeraw(&raw);
    tcsetattr(0, TCSANOW, &raw);
    size_t size = argc > 1 ? strtoul(argv[1], NULL, 10) : 5128;
    if (size < 16) size = 16;
    char *frame = malloc(size);
    if (frame == NULL) return 1;
    memset(frame, 'x', size);
    memcpy(frame, "\x1b[?2026h", 8);
    memcpy(frame + size - 8, "\x1b[?2026l", 8);
    if (write(1, frame, size) < 0) return 1;
    char key[64];
    ssize_t n;
    while ((n = read(0, key, sizeof key)) > 0 && !(n == 1 && key[0] == 'q')) {
        if (write(1, frame, size) < 0) return 1;
    }
    return 0;
}
