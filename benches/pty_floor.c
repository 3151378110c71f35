/* The floor for benches/keys.py --floor: a program that does nothing but answer each key
   with a frame of the dashboard's size (5128 bytes, in a synchronized update) in one write,
   through the same pseudo-terminal. What gapdash adds to a key is its time above this. */
#include <string.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
    struct termios raw;
    tcgetattr(0, &raw);
    cfmakeraw(&raw);
    tcsetattr(0, TCSANOW, &raw);
    static char frame[5128];
    memset(frame, 'x', sizeof frame);
    memcpy(frame, "\x1b[?2026h", 8);
    memcpy(frame + sizeof frame - 8, "\x1b[?2026l", 8);
    if (write(1, frame, sizeof frame) < 0) return 1;
    char key;
    while (read(0, &key, 1) == 1 && key != 'q') {
        if (write(1, frame, sizeof frame) < 0) return 1;
    }
    return 0;
}
