package org.backbeat.play;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/** Keeps every short message with its arrival time. */
final class RecordingReceiver implements Receiver {

    /** {@code due}: when the player meant the message to sound ({@link MidiGroovePlayer#sendDueNanos}), 0 if unknown. */
    record Msg(long nanos, int command, int channel, int data1, int data2, long due) {
        boolean noteOn() {
            return command == ShortMessage.NOTE_ON && data2 > 0;
        }

        boolean noteOff() {
            return command == ShortMessage.NOTE_OFF || (command == ShortMessage.NOTE_ON && data2 == 0);
        }
    }

    private final List<Msg> messages = new ArrayList<>();
    /** The player sending here, whose due times are recorded with each message; null: none. */
    volatile MidiGroovePlayer player;

    @Override
    public synchronized void send(MidiMessage message, long timeStamp) {
        long now = System.nanoTime();
        if (message instanceof ShortMessage m) {
            MidiGroovePlayer p = player;
            messages.add(new Msg(now, m.getCommand(), m.getChannel(), m.getData1(), m.getData2(), p == null ? 0 : p.sendDueNanos()));
        }
    }

    synchronized List<Msg> messages() {
        return new ArrayList<>(messages);
    }

    List<Msg> noteOns() {
        return messages().stream().filter(Msg::noteOn).toList();
    }

    @Override
    public void close() {
    }
}
