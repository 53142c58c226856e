package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.str;

import java.util.LinkedHashMap;
import java.util.Map;

import org.selfchallenge.pyval.PyValues;

/**
 * {@code send_certificate}: adds the first free id among {@code certificate_3221322..3221324} to the
 * user's payment methods as {@code {source: "certificate", amount, id}}, storing {@code amount}
 * exactly as given (int stays int, float stays float, any other type too).
 *
 * <p>When all three ids are taken, upstream falls off the end of the function and returns
 * {@code None}; {@code Env.step} then fails to build its response (the observation must be a str),
 * so the episode crashes. This port returns {@code null} (Python None, per the SPI), changes nothing,
 * and leaves it to the caller to treat a null observation as that crash.
 */
final class SendCertificate extends AirlineTool {
    SendCertificate() {
        super("send_certificate", false, "user_id", "amount");
    }
    /** Upstream's fixed certificate numbers ("assume at most 3 cases per task"). */
    static final long[] CERTIFICATE_NUMBERS = {3221322L, 3221323L, 3221324L};

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object userId = a.get("user_id");
        if (!data.hasUser(userId)) {
            return "Error: user not found";
        }
        String uid = (String) userId;
        Object amount = a.get("amount");
        for (long number : CERTIFICATE_NUMBERS) {
            String paymentId = "certificate_" + number;
            if (!dict(data.user(uid).get("payment_methods")).containsKey(paymentId)) {
                Map<String, Object> certificate = new LinkedHashMap<>();
                certificate.put("source", Payments.CERTIFICATE);
                certificate.put("amount", PyValues.deepCopy(amount));
                certificate.put("id", paymentId);
                dict(data.userForWrite(uid).get("payment_methods")).put(paymentId, certificate);
                return "Certificate " + paymentId + " added to user " + uid + " with amount " + str(amount) + ".";
            }
        }
        return null;
    }
}
