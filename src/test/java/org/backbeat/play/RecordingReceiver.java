package org.backbeat.play;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/** Keeps every short message with its arrival time. */
final class RecordingReceiver implements Receiver {

    record Msg(long nanos, int command, int channel, int data1, int data2) {
        boolean noteOn() {
            return command == ShortMessage.NOTE_ON && data2 > 0;
        }

        boolean noteOff() {
            return command == ShortMessage.NOTE_OFF || (command == ShortMessage.NOTE_ON && data2 == 0);
        }
    }

    private final List<Msg> messages = new ArrayList<>();

    @Override
    public synchronized void send(MidiMessage message, long timeStamp) {
        long now = System.nanoTime();
        if (message instanceof ShortMessage m) {
            messages.add(new Msg(now, m.getCommand(), m.getChannel(), m.getData1(), m.getData2()));
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
