package org.selfchallenge.spark.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.spark.serializer.KryoRegistrator;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Lets Java records cross Spark's Kryo ({@code spark.kryo.registrator} in conf/spark-defaults.conf).
 * Spark ships Kryo 4, whose FieldSerializer writes final fields through {@code Unsafe}, which the JVM
 * refuses for records; this serializer goes through the record's accessors and canonical constructor
 * instead. Components are written with their classes, so a component may be null or a subtype.
 */
public final class KryoRecords implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, new RecordSerializer());
    }

    static final class RecordSerializer extends Serializer<Record> {
        /** Accessors and canonical constructor per record class, looked up once per JVM. */
        private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                return Shape.of(type);
            }
        };

        @Override
        public void write(Kryo kryo, Output output, Record r) {
            try {
                for (Method accessor : SHAPES.get(r.getClass()).accessors) {
                    kryo.writeClassAndObject(output, accessor.invoke(r));
                }
            } catch (ReflectiveOperationException e) {
                throw new KryoException("cannot read the components of " + r.getClass().getName(), e);
            }
        }

        @Override
        public Record read(Kryo kryo, Input input, Class<Record> type) {
            Shape shape = SHAPES.get(type);
            Object[] args = new Object[shape.accessors.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = kryo.readClassAndObject(input);
            }
            try {
                return (Record) shape.constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new KryoException("cannot construct " + type.getName(), e);
            }
        }
    }

    private record Shape(Method[] accessors, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                // Records private to a class (a stage's task result) are the common case.
                constructor.setAccessible(true);
                for (Method a : accessors) {
                    a.setAccessible(true);
                }
                return new Shape(accessors, constructor);
            } catch (NoSuchMethodException e) {
                throw new KryoException("no canonical constructor in " + type.getName(), e);
            }
        }
    }
}
