package org.selfchallenge.policy.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A float32 resource variable with one shared read, a load placeholder + assign (to restore values from
 * Java) and a zero-initialiser.
 */
public record GraphVariable(String name, long[] shape, Operand<? extends TType> handle, Operand<TFloat32> read,
                            Placeholder<TFloat32> input, Op load, Op zero) {

    /** Creates the variable under {@code ops}' scope; {@code name} must not contain '/'. */
    public static GraphVariable create(Ops ops, String name, long[] shape) {
        Shape sh = Shape.of(shape);
        Operand<? extends TType> h = ops.withName(name).varHandleOp(TFloat32.class, sh, VarHandleOp.sharedName(name));
        Operand<TFloat32> r = ops.withName(name + ".read").readVariableOp(h, TFloat32.class);
        Placeholder<TFloat32> in = ops.withName(name + ".in").placeholder(TFloat32.class, Placeholder.shape(sh));
        Op load = ops.withName(name + ".assign").assignVariableOp(h, in);
        Op zero = ops.withName(name + ".zero").assignVariableOp(h, ops.zeros(ops.constant(sh), TFloat32.class));
        return new GraphVariable(name, shape, h, r, in, load, zero);
    }
}
