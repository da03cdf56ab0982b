package org.polyhead.train;

import com.google.common.base.Preconditions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the optimizer treats each parameter, decided by its HuggingFace tensor name (the names {@code BertEncoder} gives
 * its variables and {@code EmbeddingTables} its tables):
 * <ul>
 *   <li>the encoder's parameters ({@code embeddings.*}, {@code encoder.layer.*}, {@code pooler.*}: what a pretrained
 *   checkpoint holds) step at {@link OptimConfig#lr()}; every other parameter (heads, loss weights, label embeddings:
 *   what starts untrained) at {@code headLr}. Both follow the same warm-up and decay, each scaled to its own peak;
 *   <li>biases and LayerNorm weights get no weight decay, the convention of HuggingFace's fine-tuning scripts
 *   ({@code no_decay = ["bias", "LayerNorm.weight"]}): decay shrinks a weight matrix towards 0, which for a LayerNorm
 *   gain or a bias is a pull towards an arbitrary value, not a simpler model;
 *   <li>with {@code freezeLayers = k > 0} the embeddings (the three tables and their LayerNorm) and encoder layers
 *   0 … k−1 are frozen: no gradient is requested for them, they get no update and no Adam state, and their dropout
 *   sites are fed ones. The frozen part is then a fixed function of the input, as in evaluation mode, which is what
 *   lets its outputs be cached.
 * </ul>
 *
 * @param headLr       peak learning rate of the parameters outside the encoder
 * @param freezeLayers encoder layers frozen from the bottom, with the embeddings (0 = nothing frozen)
 */
public record ParameterGroups(double headLr, int freezeLayers) {
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)(\\..*)?$");

    public ParameterGroups {
        Preconditions.checkArgument(headLr > 0, "headLr must be > 0, got %s", headLr);
        Preconditions.checkArgument(freezeLayers >= 0, "freezeLayers must be >= 0, got %s", freezeLayers);
    }

    /** One learning rate for everything, nothing frozen: plain Adam(W) as {@code optim} describes it. */
    public static ParameterGroups uniform(OptimConfig optim) {
        return new ParameterGroups(optim.lr(), 0);
    }

    /** Whether {@code name} belongs to the encoder (embedding tables, embedding LayerNorm, layers, pooler). */
    public static boolean isEncoder(String name) {
        return name.startsWith("embeddings.") || name.startsWith("pooler.") || LAYER.matcher(name).matches();
    }

    /** Whether weight decay applies: not to biases, not to LayerNorm weights. */
    public static boolean decays(String name) {
        return !name.endsWith("bias") && !name.endsWith("LayerNorm.weight");
    }

    /** The peak learning rate of {@code name}: {@code encoderLr} for encoder parameters, {@link #headLr} otherwise. */
    public double peak(String name, double encoderLr) {
        return isEncoder(name) ? encoderLr : headLr;
    }

    /**
     * Whether {@code name} (a parameter, or a dropout site's owner such as {@code encoder.layer.0}) lies in the frozen
     * part: the embeddings and the layers below {@link #freezeLayers}.
     */
    public boolean frozen(String name) {
        if (freezeLayers == 0) {
            return false;
        }
        if (name.startsWith("embeddings.") || name.equals("embeddings")) {
            return true;
        }
        Matcher m = LAYER.matcher(name);
        return m.matches() && Integer.parseInt(m.group(1)) < freezeLayers;
    }
}
