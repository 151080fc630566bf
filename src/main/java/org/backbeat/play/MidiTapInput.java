package org.backbeat.play;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;

/**
 * Taps from a MIDI input (a pad controller, a keyboard, a drum kit): every note-on, on any channel
 * and of any pitch, is a tap with its velocity. The listener runs on the MIDI thread; the caller
 * stamps the tap's time (its own clock, so key and MIDI taps share one).
 */
public final class MidiTapInput implements AutoCloseable {

    /** An input port, as the menu lists it. */
    public record Port(String name, MidiDevice.Info info) {
    }

    private final Transmitter transmitter;
    private final MidiDevice device;

    private MidiTapInput(Transmitter transmitter, MidiDevice device, IntConsumer onTap) {
        this.transmitter = transmitter;
        this.device = device;
        transmitter.setReceiver(new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                if (message instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                    onTap.accept(m.getData2());
                }
            }

            @Override
            public void close() {
                // nothing held
            }
        });
    }

    /** The MIDI inputs of this machine: devices that transmit, apart from Java's sequencer and synthesizer. */
    public static List<Port> ports() {
        List<Port> out = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (!(d instanceof Sequencer) && !(d instanceof Synthesizer) && d.getMaxTransmitters() != 0) {
                    out.add(new Port(info.getName() + (info.getDescription().isBlank() ? "" : " (" + info.getDescription() + ")"),
                        info));
                }
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                // a port that vanished while listing: not offered
            }
        }
        return out;
    }

    /** Opens {@code port} and sends each note-on's velocity to {@code onTap}. */
    public static MidiTapInput open(Port port, IntConsumer onTap) throws MidiUnavailableException {
        MidiDevice d = MidiSystem.getMidiDevice(port.info());
        d.open();
        try {
            return new MidiTapInput(d.getTransmitter(), d, onTap);
        } catch (MidiUnavailableException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Listens to {@code transmitter} (any source of MIDI: a port's, or a test's). */
    public static MidiTapInput listen(Transmitter transmitter, IntConsumer onTap) {
        return new MidiTapInput(transmitter, null, onTap);
    }

    @Override
    public void close() {
        transmitter.close();
        if (device != null) {
            device.close();
        }
    }
}
